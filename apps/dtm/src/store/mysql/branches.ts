import { isDuplicateKey, withTransaction, type Pool, type RowDataPacket, type Transaction } from '@mall/db';
import { StaleTransaction } from '../../errors.js';
import type { Branch, GlobalStatus, TransGlobal } from '../../trans/types.js';
import type { StatusChange } from '../store.js';
import { toBranch } from './rows.js';
import { insertBranches, insertGlobals, moveGlobal, upsertBranches, type Statement } from './statements.js';

const run = (tx: Transaction, { sql, params }: Statement) => tx.query(sql, params);

/** Locks the global row for the rest of `tx` if it is in `status`. */
async function lockGlobal(tx: Transaction, gid: string, status: GlobalStatus): Promise<boolean> {
  const [rows] = await tx.query<RowDataPacket[]>(
    'SELECT id FROM trans_global WHERE gid = ? AND status = ? FOR UPDATE',
    [gid, status],
  );
  return rows.length > 0;
}

export async function findBranches(pool: Pool, gid: string): Promise<Branch[]> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM trans_branch_op WHERE gid = ? ORDER BY id', [gid]);
  return rows.map(toBranch);
}

/* The writes below, one local transaction each, are the reference forms; the write lanes group
   them across transactions, and fall back to these whenever a grouped form cannot decide. */

export function saveNew(pool: Pool, trans: TransGlobal, branches: Branch[]): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    try {
      await run(tx, insertGlobals([trans]));
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    if (branches.length > 0) await run(tx, insertBranches(branches));
    return true;
  });
}

export function updateBranches(pool: Pool, gid: string, branches: Branch[], globalStatus: GlobalStatus): Promise<void> {
  return withTransaction(pool, async (tx) => {
    if (!(await lockGlobal(tx, gid, globalStatus))) {
      throw new StaleTransaction(`transaction ${gid} is no longer ${globalStatus}`);
    }
    if (branches.length > 0) await run(tx, upsertBranches(branches));
  });
}

/** Moves the global status and writes `branches` in one local transaction, under the row's lock. */
export function changeStatusWithBranches(
  pool: Pool,
  gid: string,
  from: GlobalStatus,
  to: GlobalStatus,
  change: StatusChange,
  branches: Branch[],
): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    if (!(await lockGlobal(tx, gid, from))) return false;
    if (branches.length > 0) await run(tx, upsertBranches(branches));
    await run(tx, moveGlobal(gid, from, to, change));
    return true;
  });
}

export function addBranches(pool: Pool, gid: string, branches: Branch[]): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    if (!(await lockGlobal(tx, gid, 'prepared'))) return false;
    if (branches.length > 0) await run(tx, insertBranches(branches));
    return true;
  });
}
