import type { Pool, ResultSetHeader, RowDataPacket } from '@mall/db';
import { UNFINISHED, type TransGlobal } from '../../trans/types.js';
import type { CronLease } from '../store.js';
import { toGlobal } from './rows.js';

const LEASE_ATTEMPTS = 3;
const DUE = `next_cron_time < ? AND status IN (${UNFINISHED.map(() => '?').join(', ')})`;

/**
 * DTM's lease in three statements: pick a random due row (so instances spread out), push its
 * `next_cron_time` past the lease only if it is still due (another instance may have won), and
 * read it back by the owner token. A pick lost to another instance or worker is retried at once
 * (a few times), so a backlog is not left waiting for the next look because two workers collided.
 */
export async function leaseDue(pool: Pool, lease: CronLease): Promise<TransGlobal | undefined> {
  for (let attempt = 0; attempt < LEASE_ATTEMPTS; attempt++) {
    const outcome = await tryLease(pool, lease);
    if (outcome !== 'lost') return outcome;
  }
  return undefined;
}

async function tryLease(pool: Pool, { now, until, owner }: CronLease): Promise<TransGlobal | undefined | 'lost'> {
  const [candidates] = await pool.query<RowDataPacket[]>(
    `SELECT id FROM trans_global WHERE ${DUE} ORDER BY RAND() LIMIT 1`,
    [now, ...UNFINISHED],
  );
  const id: unknown = candidates[0]?.id;
  if (id === undefined) return undefined;
  const [leased] = await pool.query<ResultSetHeader>(
    `UPDATE trans_global SET update_time = ?, next_cron_time = ?, owner = ? WHERE id = ? AND ${DUE}`,
    [now, until, owner, id, now, ...UNFINISHED],
  );
  if (leased.affectedRows === 0) return 'lost';
  const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM trans_global WHERE owner = ? LIMIT 1', [owner]);
  return rows[0] && toGlobal(rows[0]);
}

export async function resetCronTime(
  pool: Pool,
  after: Date,
  now: Date,
  limit: number,
): Promise<{ changed: number; hasRemaining: boolean }> {
  const late = `next_cron_time > ? AND status IN (${UNFINISHED.map(() => '?').join(', ')})`;
  const [result] = await pool.query<ResultSetHeader>(
    `UPDATE trans_global SET next_cron_time = ?, update_time = ? WHERE ${late} LIMIT ?`,
    [now, now, after, ...UNFINISHED, limit],
  );
  const [left] = await pool.query<RowDataPacket[]>(`SELECT id FROM trans_global WHERE ${late} LIMIT 1`, [
    after,
    ...UNFINISHED,
  ]);
  return { changed: result.affectedRows, hasRemaining: left.length > 0 };
}

export async function resetNextCronTime(pool: Pool, gid: string, now: Date): Promise<boolean> {
  const [result] = await pool.query<ResultSetHeader>(
    'UPDATE trans_global SET next_cron_time = ?, update_time = ? WHERE gid = ?',
    [now, now, gid],
  );
  return result.affectedRows > 0;
}
