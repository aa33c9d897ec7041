import type { Pool, RowDataPacket } from '@mall/db';
import type { KvEntry } from '../../trans/types.js';
import type { Page } from '../store.js';
import { nextPosition, toKv } from './rows.js';

export async function findKv(pool: Pool, cat: string, key?: string): Promise<KvEntry[]> {
  const [rows] =
    key === undefined
      ? await pool.query<RowDataPacket[]>('SELECT * FROM kv WHERE cat = ? ORDER BY id', [cat])
      : await pool.query<RowDataPacket[]>('SELECT * FROM kv WHERE cat = ? AND k = ?', [cat, key]);
  return rows.map(toKv);
}

export async function scanKv(
  pool: Pool,
  cat: string,
  position: string | undefined,
  limit: number,
): Promise<Page<KvEntry>> {
  const [rows] = position
    ? await pool.query<RowDataPacket[]>('SELECT * FROM kv WHERE cat = ? AND id < ? ORDER BY id DESC LIMIT ?', [
        cat,
        position,
        limit,
      ])
    : await pool.query<RowDataPacket[]>('SELECT * FROM kv WHERE cat = ? ORDER BY id DESC LIMIT ?', [cat, limit]);
  const items = rows.map(toKv);
  return { items, nextPosition: nextPosition(items, limit) };
}
