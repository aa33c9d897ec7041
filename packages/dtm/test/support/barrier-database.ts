import { createPool, type Pool, type RowDataPacket } from '@mall/db';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { ensureBarrierTable } from '../../src/index.js';

export interface BarrierRow {
  op: string;
  barrier_id: string;
  reason: string;
}

export interface BarrierDatabase {
  pool: Pool;
  database: TestDatabase;
  /** `<db>.barrier`, created with ensureBarrierTable. */
  tableName: string;
  /** The barrier rows of `gid`, in insertion order. */
  rows(gid: string): Promise<BarrierRow[]>;
  close(): Promise<void>;
}

/** A throw-away database holding the barrier table and a one-column business table, `ledger`. */
export async function openBarrierDatabase(mysqlUrl: string): Promise<BarrierDatabase> {
  const database = await createTestDatabase(mysqlUrl, 'dtm');
  const pool = createPool({ url: mysqlUrl, database: database.name, connectionLimit: 8 });
  const tableName = `${database.name}.barrier`;
  await ensureBarrierTable(pool, tableName);
  await pool.query('CREATE TABLE ledger (id int AUTO_INCREMENT PRIMARY KEY, note varchar(100) NOT NULL)');
  return {
    pool,
    database,
    tableName,
    async rows(gid) {
      const [rows] = await pool.query<RowDataPacket[]>(
        'SELECT op, barrier_id, reason FROM barrier WHERE gid = ? ORDER BY id',
        [gid],
      );
      return rows.map((row) => ({
        op: String(row.op),
        barrier_id: String(row.barrier_id),
        reason: String(row.reason),
      }));
    },
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}
