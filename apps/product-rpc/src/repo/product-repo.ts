import type { Pool, PoolConnection, ResultSetHeader, RowDataPacket } from '@mall/db';
import { MAX_UINT32 } from '../domain/rules.js';
import type { Product, ProductFields } from '../domain/product.js';

/** Where a statement runs: the pool, or the connection of a transaction (a saga branch's barrier). */
export type Executor = Pool | PoolConnection;

const COLUMNS = 'id, name, `desc`, stock, amount, status, uid';

/** Removed products keep their row (orders refer to them) but are otherwise gone. */
const LIVE = 'delete_time IS NULL';

/** Column per writable field; `desc` is a reserved word. */
const COLUMN_OF: Record<keyof ProductFields, string> = {
  name: 'name',
  desc: '`desc`',
  stock: 'stock',
  amount: 'amount',
  status: 'status',
};

function toProduct(row: RowDataPacket): Product {
  return {
    id: BigInt(row.id as string),
    name: row.name as string,
    desc: row.desc as string,
    stock: Number(row.stock),
    amount: Number(row.amount),
    status: Number(row.status),
    uid: BigInt(row.uid as string),
  };
}

/*
 * `affectedRows` of an UPDATE counts matched rows, not changed ones, because mysql2 connects with
 * the FOUND_ROWS flag by default: writing a product's current values still counts as a hit.
 */
export class ProductRepo {
  constructor(private readonly pool: Pool) {}

  async findById(id: bigint): Promise<Product | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM product WHERE id = ? AND ${LIVE}`, [
      id,
    ]);
    return rows[0] && toProduct(rows[0]);
  }

  /** The owner's user id, or undefined when there is no such product. */
  async findOwner(id: bigint, db: Executor = this.pool): Promise<bigint | undefined> {
    const [rows] = await db.query<RowDataPacket[]>(`SELECT uid FROM product WHERE id = ? AND ${LIVE}`, [id]);
    return rows[0] && BigInt(rows[0].uid as string);
  }

  async insert(fields: ProductFields, uid: bigint): Promise<bigint> {
    const [result] = await this.pool.query<ResultSetHeader>(
      'INSERT INTO product (name, `desc`, stock, amount, status, uid) VALUES (?, ?, ?, ?, ?, ?)',
      [fields.name, fields.desc, fields.stock, fields.amount, fields.status, uid],
    );
    return BigInt(result.insertId);
  }

  /** Writes the given fields if product `id` exists and belongs to `uid`; false otherwise. */
  async updateOwned(id: bigint, uid: bigint, changes: Partial<ProductFields>): Promise<boolean> {
    const present = (Object.keys(COLUMN_OF) as (keyof ProductFields)[]).filter((key) => changes[key] !== undefined);
    if (present.length === 0) throw new Error('updateOwned needs at least one field');
    const [result] = await this.pool.query<ResultSetHeader>(
      `UPDATE product SET ${present.map((key) => `${COLUMN_OF[key]} = ?`).join(', ')} WHERE id = ? AND uid = ? AND ${LIVE}`,
      [...present.map((key) => changes[key]), id, uid],
    );
    return result.affectedRows > 0;
  }

  /** Removes product `id` (a soft delete) if it belongs to `uid` and is not removed yet; false otherwise. */
  async removeOwned(id: bigint, uid: bigint): Promise<boolean> {
    const [result] = await this.pool.query<ResultSetHeader>(
      `UPDATE product SET delete_time = CURRENT_TIMESTAMP WHERE id = ? AND uid = ? AND ${LIVE}`,
      [id, uid],
    );
    return result.affectedRows > 0;
  }

  /** Takes `num` units in one statement, only if that many are left; false when not (or no such product). */
  async takeStock(id: bigint, num: number, db: Executor = this.pool): Promise<boolean> {
    const [result] = await db.query<ResultSetHeader>(
      `UPDATE product SET stock = stock - ? WHERE id = ? AND stock >= ? AND ${LIVE}`,
      [num, id, num],
    );
    return result.affectedRows > 0;
  }

  /**
   * Gives `num` units back, also to a removed product (its orders' compensations must succeed); a
   * missing product is left alone. Capped at the column's maximum so that
   * a compensation never fails on an out-of-range error (and is then retried for ever).
   */
  async giveBackStock(id: bigint, num: number, db: Executor = this.pool): Promise<void> {
    await db.query('UPDATE product SET stock = LEAST(stock + ?, ?) WHERE id = ?', [num, MAX_UINT32, id]);
  }
}
