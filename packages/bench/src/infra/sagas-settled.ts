import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { InvariantCheck } from '../scenarios/scenario.js';

const SETTLED = ['succeed', 'failed'];

async function countByStatus(admin: Pool, dtmDatabase: string): Promise<Map<string, number>> {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT status, COUNT(*) AS count FROM \`${dtmDatabase}\`.trans_global GROUP BY status`,
  );
  return new Map(rows.map((row) => [String(row.status), Number(row.count)]));
}

/**
 * Waits (up to `timeoutMs`) until DTM has no saga left in progress, then reports the sagas by status:
 * OK when every one succeeded.
 */
export async function checkSagasSettled(admin: Pool, dtmDatabase: string, timeoutMs = 15_000): Promise<InvariantCheck> {
  const deadline = Date.now() + timeoutMs;
  let counts = await countByStatus(admin, dtmDatabase);
  const unsettled = () => [...counts].filter(([status]) => !SETTLED.includes(status));
  while (unsettled().length > 0 && Date.now() < deadline) {
    await sleep(250);
    counts = await countByStatus(admin, dtmDatabase);
  }
  const detail = [...counts].map(([status, count]) => `${count} ${status}`).join(', ') || 'no sagas';
  const ok = [...counts.keys()].every((status) => status === 'succeed');
  return { name: 'sagas settled', ok, detail };
}
