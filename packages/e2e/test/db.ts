import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import './provided-context.js';

/** Reads straight from the mall's database, to check what the API says against what is stored. */
export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const connection = await mysql.createConnection(`${inject('mysqlUrl')}/${inject('mysqlDatabase')}`);
  try {
    const [rows] = await connection.query(sql, params);
    return rows as T[];
  } finally {
    await connection.end();
  }
}
