// The business services' own database: an account table, a stock table and DTM's barrier table.
import { createPool, type Pool, type ResultSetHeader, type RowDataPacket } from '@mall/db';
import { ensureBarrierTable } from '@mall/dtm-client';
import { createTestDatabase, type TestDatabase } from '@mall/testing';

export interface BarrierRow {
  branch_id: string;
  op: string;
  barrier_id: string;
  reason: string;
}

export interface BusiDatabase {
  pool: Pool;
  /** `<db>.barrier`, for BarrierOptions.tableName. */
  barrierTable: string;
  /** A new account holding `balance`; returns its id. */
  openAccount(balance: number): Promise<number>;
  balance(id: number): Promise<number>;
  /** A new product with `stock` units; returns its id. */
  addProduct(stock: number): Promise<number>;
  stock(id: number): Promise<number>;
  /** The barrier rows of `gid`, ordered by branch, op and insertion. */
  barrierRows(gid: string): Promise<BarrierRow[]>;
  close(): Promise<void>;
}

export async function openBusiDatabase(mysqlUrl: string): Promise<BusiDatabase> {
  const database: TestDatabase = await createTestDatabase(mysqlUrl, 'busi');
  const pool = createPool({ url: mysqlUrl, database: database.name, connectionLimit: 8 });
  const barrierTable = `${database.name}.barrier`;
  await ensureBarrierTable(pool, barrierTable);
  await pool.query('CREATE TABLE account (id int AUTO_INCREMENT PRIMARY KEY, balance int NOT NULL)');
  await pool.query('CREATE TABLE stock (id bigint AUTO_INCREMENT PRIMARY KEY, stock int NOT NULL)');

  const insert = async (sql: string, value: number) => {
    const [result] = await pool.query<ResultSetHeader>(sql, [value]);
    return result.insertId;
  };
  const read = async (sql: string, id: number) => {
    const [rows] = await pool.query<RowDataPacket[]>(sql, [id]);
    return Number(rows[0]?.value);
  };

  return {
    pool,
    barrierTable,
    openAccount: (balance) => insert('INSERT INTO account (balance) VALUES (?)', balance),
    balance: (id) => read('SELECT balance AS value FROM account WHERE id = ?', id),
    addProduct: (stock) => insert('INSERT INTO stock (stock) VALUES (?)', stock),
    stock: (id) => read('SELECT stock AS value FROM stock WHERE id = ?', id),
    async barrierRows(gid) {
      const [rows] = await pool.query<RowDataPacket[]>(
        'SELECT branch_id, op, barrier_id, reason FROM barrier WHERE gid = ? ORDER BY branch_id, op, id',
        [gid],
      );
      return rows.map((row) => ({
        branch_id: String(row.branch_id),
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
