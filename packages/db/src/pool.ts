import mysql, { type Pool } from 'mysql2/promise';

export type { Pool };

export interface PoolOptions {
  /** `mysql://user:pass@host:port` */
  url: string;
  database: string;
  connectionLimit?: number;
}

function connectionConfig(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * One pool per process, built in `main`. BIGINT columns come back as strings (never a rounded
 * number); repositories turn them into bigint.
 */
export function createPool({ url, database, connectionLimit = 10 }: PoolOptions): Pool {
  return mysql.createPool({
    ...connectionConfig(url),
    database,
    connectionLimit,
    waitForConnections: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4',
    timezone: 'Z',
    enableKeepAlive: true,
  });
}

/** Creates `database` when it does not exist yet (apps own their schema; nobody runs SQL by hand). */
export async function ensureDatabase(url: string, database: string): Promise<void> {
  const connection = await mysql.createConnection(connectionConfig(url));
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
  } finally {
    await connection.end();
  }
}
