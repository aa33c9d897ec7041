import { readFile } from 'node:fs/promises';
import type { Pool } from 'mysql2/promise';
import { DEFAULT_BARRIER_TABLE, parseTableName } from './table-name.js';

/** The one definition of the table: the SQL file shipped with this package (DBAs can run it as is). */
const DDL_FILE = new URL('../../sql/barrier.mysql.sql', import.meta.url);

/** `CREATE TABLE IF NOT EXISTS` for DTM's barrier table, from `sql/barrier.mysql.sql`, under any name. */
export async function barrierTableDdl(tableName: string = DEFAULT_BARRIER_TABLE): Promise<string> {
  const { sql } = parseTableName(tableName);
  const script = await readFile(DDL_FILE, 'utf8');
  const create = script.slice(script.indexOf('CREATE TABLE IF NOT EXISTS'));
  return create.replace(DEFAULT_BARRIER_TABLE, sql).replace(/;\s*$/, '');
}

/**
 * Creates the barrier table (and its schema, for a `schema.table` name) when missing. It must be
 * on the server that holds the business tables: barrier rows and business writes share one local
 * transaction.
 */
export async function ensureBarrierTable(pool: Pool, tableName: string = DEFAULT_BARRIER_TABLE): Promise<void> {
  const { schema } = parseTableName(tableName);
  if (schema !== undefined) await pool.query(`CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4`);
  await pool.query(await barrierTableDdl(tableName));
}
