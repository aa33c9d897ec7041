import type { Pool, RowDataPacket } from 'mysql2/promise';
import { ensureBarrierTable } from '@mall/dtm-client';
import type { InvariantCheck } from '../scenarios/scenario.js';

export interface RmSchema {
  database: string;
  barrierTable: string;
  accounts: number;
  balance: number;
}

/** The bench RM's database: `accounts` accounts holding `balance` each, an empty log, the barrier table. */
export async function createRmSchema(
  admin: Pool,
  { database, barrierTable, accounts, balance }: RmSchema,
): Promise<void> {
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  await admin.query(
    `CREATE TABLE \`${database}\`.account (id INT UNSIGNED NOT NULL PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB`,
  );
  await admin.query(
    `CREATE TABLE \`${database}\`.account_log (
       id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
       account_id INT UNSIGNED NOT NULL,
       delta BIGINT NOT NULL,
       ref VARCHAR(128) NOT NULL,
       create_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
     ) ENGINE=InnoDB`,
  );
  const batch = 1000;
  for (let first = 1; first <= accounts; first += batch) {
    const ids = Array.from({ length: Math.min(batch, accounts - first + 1) }, (_, index) => first + index);
    await admin.query(`INSERT INTO \`${database}\`.account (id, balance) VALUES ?`, [ids.map((id) => [id, balance])]);
  }
  await ensureBarrierTable(admin, barrierTable);
}

/** Transfers move money between accounts, so the sum of all balances never changes. */
export async function balanceCheck(admin: Pool, database: string, expected: number): Promise<InvariantCheck> {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT COALESCE(SUM(balance), 0) AS total FROM \`${database}\`.account`,
  );
  const total = Number(rows[0]?.total);
  const detail = total === expected ? `Σ balance ${total}` : `Σ balance ${total}, expected ${expected}`;
  return { name: 'balances conserved', ok: total === expected, detail };
}
