import type { Branch, GlobalStatus } from '../../trans/types.js';
import type { StatusChange } from '../store.js';
import { BRANCH_COLUMNS, GLOBAL_COLUMNS, branchValues, globalValues } from './rows.js';
import type { TransGlobal } from '../../trans/types.js';

/** One SQL statement with its `?` values, formatted by the driver. */
export interface Statement {
  sql: string;
  params: unknown[];
}

export const placeholders = (count: number) => `(${new Array(count).fill('?').join(', ')})`;
const GLOBAL_ROW = placeholders(GLOBAL_COLUMNS.length);
const BRANCH_ROW = placeholders(BRANCH_COLUMNS.length);

/** One multi-row INSERT of new global rows (a duplicate gid fails the whole statement). */
export function insertGlobals(rows: TransGlobal[]): Statement {
  return {
    sql: `INSERT INTO trans_global (${GLOBAL_COLUMNS.join(', ')}) VALUES ${rows.map(() => GLOBAL_ROW).join(', ')}`,
    params: rows.flatMap(globalValues),
  };
}

/** One multi-row INSERT of new branch rows. */
export function insertBranches(rows: Branch[]): Statement {
  return {
    sql: `INSERT INTO trans_branch_op (${BRANCH_COLUMNS.join(', ')}) VALUES ${rows.map(() => BRANCH_ROW).join(', ')}`,
    params: rows.flatMap(branchValues),
  };
}

/** Branch rows written whether or not they exist yet (DTM's upsert). */
export function upsertBranches(rows: Branch[]): Statement {
  const insert = insertBranches(rows);
  return {
    sql: `${insert.sql} ON DUPLICATE KEY UPDATE status = VALUES(status), finish_time = VALUES(finish_time),
      rollback_time = VALUES(rollback_time), update_time = VALUES(update_time)`,
    params: insert.params,
  };
}

/** The `SET` list of a status change: `status`, `update_time` and whatever the change stamps. */
export function statusAssignments(to: GlobalStatus, change: StatusChange, alias = ''): Statement {
  const sets: string[] = [];
  const params: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${alias}${column} = ?`);
    params.push(value);
  };
  set('status', to);
  set('update_time', change.now);
  if (change.finishTime) set('finish_time', change.finishTime);
  if (change.rollbackTime) set('rollback_time', change.rollbackTime);
  if (change.rollbackReason !== undefined) set('rollback_reason', change.rollbackReason.slice(0, 1024));
  return { sql: sets.join(', '), params };
}

/** `UPDATE trans_global … WHERE gid = ? AND status = <from>`: one row matched, or none when stale. */
export function moveGlobal(gid: string, from: GlobalStatus, to: GlobalStatus, change: StatusChange): Statement {
  const sets = statusAssignments(to, change);
  return {
    sql: `UPDATE trans_global SET ${sets.sql} WHERE gid = ? AND status = ?`,
    params: [...sets.params, gid, from],
  };
}

/** Per-branch values of one column: a plain `?` for one branch, a CASE over (branch_id, op) for several. */
function branchColumn(branches: Branch[], value: (branch: Branch) => unknown): Statement {
  if (branches.length === 1) return { sql: '?', params: [value(branches[0]!)] };
  return {
    sql: `CASE ${branches.map(() => 'WHEN b.branch_id = ? AND b.op = ? THEN ?').join(' ')} END`,
    params: branches.flatMap((branch) => [branch.branchId, branch.op, value(branch)]),
  };
}

/**
 * One statement that writes the new state of existing branch rows of `gid` (and moves the global
 * status when `move` is given), joined to the global row on `status = <seen>`. Reading the global
 * row in a multi-table UPDATE locks it, so no status change can slip in between the check and the
 * write, exactly as `SELECT … FOR UPDATE` then the write would. Matches `branches.length` rows
 * (plus the global row when it moves), or none when the global row is no longer in `seen`.
 */
export function writeBranchesJoined(
  gid: string,
  seen: GlobalStatus,
  branches: Branch[],
  move?: { to: GlobalStatus; change: StatusChange },
): Statement {
  const sets: string[] = [];
  const params: unknown[] = [];
  const column = (name: string, value: (branch: Branch) => unknown) => {
    const values = branchColumn(branches, value);
    sets.push(`b.${name} = ${values.sql}`);
    params.push(...values.params);
  };
  column('status', (branch) => branch.status);
  column('finish_time', (branch) => branch.finishTime ?? null);
  column('rollback_time', (branch) => branch.rollbackTime ?? null);
  column('update_time', (branch) => branch.updateTime);
  if (move) {
    const global = statusAssignments(move.to, move.change, 'g.');
    sets.push(global.sql);
    params.push(...global.params);
  }
  const which = branches.map(() => '(b.branch_id = ? AND b.op = ?)').join(' OR ');
  return {
    sql:
      `UPDATE trans_global g JOIN trans_branch_op b ON b.gid = g.gid SET ${sets.join(', ')} ` +
      `WHERE g.gid = ? AND g.status = ? AND (${which})`,
    params: [...params, gid, seen, ...branches.flatMap((branch) => [branch.branchId, branch.op])],
  };
}
