import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise';

/** A small pool on the server at `mysqlUrl`, with no default database. */
export function createAdminPool(mysqlUrl: string): Pool {
  const url = new URL(mysqlUrl);
  return mysql.createPool({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    connectionLimit: 4,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
}

/** One line on the database server, for reading its figures: version and durability settings. */
export async function describeServer(admin: Pool): Promise<string> {
  const [rows] = await admin.query<RowDataPacket[]>(
    `SELECT VERSION() AS version, @@innodb_flush_log_at_trx_commit AS flush, @@log_bin AS binlog, @@sync_binlog AS sync`,
  );
  const [row] = rows;
  if (!row) return 'unknown server';
  const binlog = Number(row.binlog) === 1 ? `on, sync_binlog=${row.sync}` : 'off';
  return `${row.version}, innodb_flush_log_at_trx_commit=${row.flush}, binlog ${binlog}`;
}
