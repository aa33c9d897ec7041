import { withTransaction, type Pool, type ResultSetHeader, type RowDataPacket } from '@mall/db';
import { FINISHED } from '../../trans/types.js';
import type { Purged } from '../store.js';

const IS_FINISHED = `status IN (${FINISHED.map(() => '?').join(', ')})`;
const NOTHING: Purged = { transactions: 0, branches: 0 };
const column = (name: string) => (row: RowDataPacket) => String(row[name]);

/**
 * The janitor's delete, in two steps so that it only ever locks the rows it removes:
 *
 * 1. a plain read (no lock) picks candidates through the `(status, next_cron_time)` index, so it
 *    reads old rows only, however many recent ones there are. A finished row's `next_cron_time` (its
 *    last scheduled retry) is at most one backoff interval after its end: requiring it to be old
 *    too only postpones a row by that much;
 * 2. one short local transaction locks those rows by primary key, keeping only the ones still
 *    finished and old (another instance's janitor may have deleted them meanwhile), then deletes
 *    their branch rows and them, by primary key.
 *
 * Primary-key lookups take record locks only, never gap locks, so the inserts and updates of live
 * transactions never queue behind the janitor. No branch row can be added to a finished
 * transaction (every branch write needs its global row in an unfinished status), so the branch
 * rows read under the global rows' locks are all of them.
 */
export async function purgeFinished(pool: Pool, before: Date, limit: number): Promise<Purged> {
  const [candidates] = await pool.query<RowDataPacket[]>(
    `SELECT id FROM trans_global WHERE ${IS_FINISHED} AND next_cron_time < ? AND update_time < ? LIMIT ?`,
    [...FINISHED, before, before, limit],
  );
  if (candidates.length === 0) return NOTHING;
  return withTransaction(pool, async (tx) => {
    const [locked] = await tx.query<RowDataPacket[]>(
      `SELECT id, gid FROM trans_global WHERE id IN (?) AND ${IS_FINISHED} AND update_time < ? FOR UPDATE`,
      [candidates.map(column('id')), ...FINISHED, before],
    );
    if (locked.length === 0) return NOTHING;
    const [branchRows] = await tx.query<RowDataPacket[]>('SELECT id FROM trans_branch_op WHERE gid IN (?)', [
      locked.map(column('gid')),
    ]);
    let branches = 0;
    if (branchRows.length > 0) {
      const [deleted] = await tx.query<ResultSetHeader>('DELETE FROM trans_branch_op WHERE id IN (?)', [
        branchRows.map(column('id')),
      ]);
      branches = deleted.affectedRows;
    }
    const [deleted] = await tx.query<ResultSetHeader>('DELETE FROM trans_global WHERE id IN (?)', [
      locked.map(column('id')),
    ]);
    return { transactions: deleted.affectedRows, branches };
  });
}
