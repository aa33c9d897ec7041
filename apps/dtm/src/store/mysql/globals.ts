import type { Pool, ResultSetHeader, RowDataPacket } from '@mall/db';
import type { GlobalStatus, TransGlobal } from '../../trans/types.js';
import type { GlobalScan, Page, StatusChange } from '../store.js';
import { nextPosition, toGlobal } from './rows.js';
import { moveGlobal } from './statements.js';

export async function findGlobal(pool: Pool, gid: string): Promise<TransGlobal | undefined> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM trans_global WHERE gid = ?', [gid]);
  return rows[0] && toGlobal(rows[0]);
}

export async function scanGlobals(pool: Pool, scan: GlobalScan): Promise<Page<TransGlobal>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (scan.position) add('id < ?', scan.position);
  if (scan.status) add('status = ?', scan.status);
  if (scan.transType) add('trans_type = ?', scan.transType);
  if (scan.gidPrefix) add("gid LIKE ? ESCAPE '!'", `${scan.gidPrefix.replace(/[!%_]/g, '!$&')}%`);
  if (scan.createdFrom) add('create_time >= ?', scan.createdFrom);
  if (scan.createdTo) add('create_time <= ?', scan.createdTo);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT * FROM trans_global ${filter} ORDER BY id DESC LIMIT ?`, [
    ...params,
    scan.limit,
  ]);
  const items = rows.map(toGlobal);
  return { items, nextPosition: nextPosition(items, scan.limit) };
}

export async function changeStatus(
  pool: Pool,
  gid: string,
  from: GlobalStatus,
  to: GlobalStatus,
  change: StatusChange,
): Promise<boolean> {
  const { sql, params } = moveGlobal(gid, from, to, change);
  const [result] = await pool.query<ResultSetHeader>(sql, params);
  return result.affectedRows > 0;
}

export async function touchCronTime(
  pool: Pool,
  gid: string,
  status: GlobalStatus,
  interval: number,
  next: Date,
  now: Date,
): Promise<boolean> {
  const [result] = await pool.query<ResultSetHeader>(
    'UPDATE trans_global SET next_cron_time = ?, next_cron_interval = ?, update_time = ? WHERE gid = ? AND status = ?',
    [next, interval, now, gid, status],
  );
  return result.affectedRows > 0;
}
