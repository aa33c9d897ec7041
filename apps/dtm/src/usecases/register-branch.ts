import { isDuplicateKey } from '@mall/db';
import { failure, invalid } from '../errors.js';
import type { Branch, BranchStatus } from '../trans/types.js';
import { checkLength, checkPayload, COLUMN_LIMITS } from './column-limits.js';
import type { UseCaseDeps } from './deps.js';

/** registerBranch's flat body (reference §1.4), every value a string. */
export type BranchRegistration = Record<string, string>;

const STATUSES: BranchStatus[] = ['prepared', 'succeed', 'failed'];

function rowsFor(body: BranchRegistration, payload: Buffer, now: Date): Branch[] {
  const { gid = '', trans_type: type, branch_id: branchId = '' } = body;
  const row = (op: string, url: string, status: BranchStatus = 'prepared'): Branch => ({
    gid,
    url,
    payload,
    branchId,
    op,
    status,
    createTime: now,
    updateTime: now,
  });
  if (type === 'tcc') return [row('cancel', body.cancel ?? ''), row('confirm', body.confirm ?? '')];
  if (type === 'xa') return [row('rollback', body.url ?? ''), row('commit', body.url ?? '')];
  if (type === 'workflow') {
    const status = (body.status || 'prepared') as BranchStatus;
    if (!STATUSES.includes(status)) throw invalid(`unknown branch status ${body.status}`);
    return [row(body.op ?? '', '', status)];
  }
  throw invalid(`cannot register branches for trans_type ${type ?? '(none)'}`);
}

/** Adds a TCC/XA/workflow branch to a transaction that is still `prepared`. */
export async function registerBranch(deps: UseCaseDeps, body: BranchRegistration, payload: Buffer): Promise<void> {
  if (!body.gid || !body.branch_id) throw invalid('gid and branch_id are required');
  checkLength('gid', body.gid, COLUMN_LIMITS.gid);
  checkLength('branch_id', body.branch_id, COLUMN_LIMITS.branchId);
  checkPayload('data', payload);
  const rows = rowsFor(body, payload, deps.clock.now());
  for (const row of rows) {
    checkLength('op', row.op, COLUMN_LIMITS.op);
    checkLength(`the ${row.op} URL`, row.url, COLUMN_LIMITS.url);
  }
  let added: boolean;
  try {
    added = await deps.store.addBranches(body.gid, rows);
  } catch (error) {
    if (isDuplicateKey(error)) throw invalid(`branch ${body.branch_id} of ${body.gid} is already registered`);
    throw error;
  }
  if (!added) throw failure(`no trans with gid: ${body.gid} status: prepared found`);
}
