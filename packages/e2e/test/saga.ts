// What the saga tests read besides the API: DTM's record of a saga, and the barrier rows per branch.
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import { createHttpDtmClient, type DtmQueryResult } from '@mall/dtm-client';
import { waitFor } from '@mall/testing';
import { query } from './db.js';
import type { OrderView } from './http.js';
import './provided-context.js';

const dtm = () => createHttpDtmClient(`${inject('dtmHttpUrl')}/api/dtmsvr`);

export const dtmQuery = (gid: string): Promise<DtmQueryResult> => dtm().query(gid);

/** Waits until DTM has finished the saga (succeed or failed) and returns that status. */
export async function settled(gid: string, timeoutMs = 20_000): Promise<string> {
  let status = '';
  await waitFor(
    `saga ${gid} to finish`,
    async () => {
      status = (await dtmQuery(gid)).transaction?.status ?? '';
      return status === 'succeed' || status === 'failed';
    },
    { timeoutMs, intervalMs: 200 },
  );
  return status;
}

/** `branch_id op reason` for each barrier row of `gid`, sorted: e.g. `02 action compensate` is a null compensation's guard. */
export async function barrierRows(gid: string): Promise<string[]> {
  const connection = await mysql.createConnection(inject('mysqlUrl'));
  try {
    const [rows] = await connection.query(
      `SELECT branch_id, op, reason FROM ${inject('barrierTable')} WHERE gid = ? ORDER BY branch_id, op`,
      [gid],
    );
    return (rows as { branch_id: string; op: string; reason: string }[]).map(
      (row) => `${row.branch_id} ${row.op} ${row.reason}`,
    );
  } finally {
    await connection.end();
  }
}

export async function orderByGid(gid: string): Promise<Omit<OrderView, 'gid'> | undefined> {
  const [row] = await query<Record<string, string | number>>(
    'SELECT id, uid, pid, amount, status, num FROM `order` WHERE gid = ?',
    [gid],
  );
  return row && (Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as never);
}

export async function stockOf(pid: number): Promise<number> {
  const [row] = await query<{ stock: number }>('SELECT stock FROM product WHERE id = ?', [pid]);
  return Number(row?.stock);
}
