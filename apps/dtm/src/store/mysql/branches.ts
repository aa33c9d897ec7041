import { isDuplicateKey, withTransaction, type Pool, type RowDataPacket, type Transaction } from '@mall/db';
import { StaleTransaction } from '../../errors.js';
import type { Branch, GlobalStatus, TransGlobal } from '../../trans/types.js';
import { BRANCH_COLUMNS, GLOBAL_COLUMNS, branchValues, globalValues, toBranch } from './rows.js';

const placeholders = (count: number) => `(${new Array(count).fill('?').join(', ')})`;
const BRANCH_ROW = placeholders(BRANCH_COLUMNS.length);

async function insertBranches(tx: Transaction, branches: Branch[]): Promise<void> {
  if (branches.length === 0) return;
  await tx.query(
    `INSERT INTO trans_branch_op (${BRANCH_COLUMNS.join(', ')}) VALUES ${branches.map(() => BRANCH_ROW).join(', ')}`,
    branches.flatMap(branchValues),
  );
}

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

export function saveNew(pool: Pool, trans: TransGlobal, branches: Branch[]): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    try {
      await tx.query(
        `INSERT INTO trans_global (${GLOBAL_COLUMNS.join(', ')}) VALUES ${placeholders(GLOBAL_COLUMNS.length)}`,
        globalValues(trans),
      );
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await insertBranches(tx, branches);
    return true;
  });
}

export function updateBranch(pool: Pool, branch: Branch, globalStatus: GlobalStatus): Promise<void> {
  return withTransaction(pool, async (tx) => {
    if (!(await lockGlobal(tx, branch.gid, globalStatus))) {
      throw new StaleTransaction(`transaction ${branch.gid} is no longer ${globalStatus}`);
    }
    await tx.query(
      `INSERT INTO trans_branch_op (${BRANCH_COLUMNS.join(', ')}) VALUES ${BRANCH_ROW}
       ON DUPLICATE KEY UPDATE status = VALUES(status), finish_time = VALUES(finish_time),
         rollback_time = VALUES(rollback_time), update_time = VALUES(update_time)`,
      branchValues(branch),
    );
  });
}

export function addBranches(pool: Pool, gid: string, branches: Branch[]): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    if (!(await lockGlobal(tx, gid, 'prepared'))) return false;
    await insertBranches(tx, branches);
    return true;
  });
}
