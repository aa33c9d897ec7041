import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool, RowDataPacket } from 'mysql2/promise';

export interface MigrateOptions {
  /** The owner of the migrations, e.g. `user-rpc`; each service keeps its own ledger rows. */
  service: string;
  /** Folder of `NNN_name.sql` files, applied in name order, each once. */
  dir: string;
  log?: (message: string, details: Record<string, unknown>) => void;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  service varchar(64) NOT NULL,
  version varchar(255) NOT NULL,
  applied_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (service, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

/**
 * MySQL errors saying a DDL statement's effect is already there: table exists (1050), duplicate
 * column (1060), duplicate key name (1061), can't drop a missing column or key (1091). DDL commits
 * on its own, so a crash between a statement and the ledger row leaves exactly this on the next run.
 */
const ALREADY_APPLIED = new Set([1050, 1060, 1061, 1091]);

/** Files hold statements ended by `;` at the end of a line (no `;` line endings inside strings). */
function statements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

/**
 * Applies the service's pending migrations. Safe to run from every instance at start-up: a named
 * lock serialises them, and the ledger makes a second run a no-op.
 */
export async function migrate(pool: Pool, { service, dir, log }: MigrateOptions): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => /^\d+_.+\.sql$/.test(file)).sort();
  const connection = await pool.getConnection();
  const lockName = `migrate:${service}`;
  try {
    const [locked] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, 60) AS ok', [lockName]);
    if (Number(locked[0]?.ok) !== 1) throw new Error(`could not take the migration lock ${lockName}`);
    await connection.query(LEDGER);
    const [rows] = await connection.query<RowDataPacket[]>('SELECT version FROM schema_migrations WHERE service = ?', [
      service,
    ]);
    const done = new Set(rows.map((row) => String(row.version)));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      for (const statement of statements(await readFile(join(dir, file), 'utf8'))) {
        try {
          await connection.query(statement);
        } catch (error) {
          const errno = (error as { errno?: number }).errno;
          if (errno === undefined || !ALREADY_APPLIED.has(errno)) throw error;
          log?.('migration statement already applied', { service, version: file, errno });
        }
      }
      await connection.query('INSERT INTO schema_migrations (service, version) VALUES (?, ?)', [service, file]);
      applied.push(file);
      log?.('migration applied', { service, version: file });
    }
    return applied;
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => undefined);
    connection.release();
  }
}
