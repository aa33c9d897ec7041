import { isDuplicateKey, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from '@mall/db';
import type { Paging } from '../domain/paging.js';

export interface OrderRow {
  id: bigint;
  uid: bigint;
  pid: bigint;
  amount: bigint;
  status: number;
  num: number;
  gid: string | null;
}

export type NewOrder = Pick<OrderRow, 'uid' | 'pid' | 'amount' | 'num' | 'gid'>;

export class DuplicateGidError extends Error {}

/** Where a statement runs: the pool, or the connection of a local transaction (a saga branch's). */
export type Executor = Pool | PoolConnection;

const COLUMNS = 'id, uid, pid, amount, status, num, gid';

function toOrder(row: RowDataPacket): OrderRow {
  return {
    id: BigInt(row.id as string),
    uid: BigInt(row.uid as string),
    pid: BigInt(row.pid as string),
    amount: BigInt(row.amount as number),
    status: Number(row.status),
    num: Number(row.num),
    gid: (row.gid as string | null) ?? null,
  };
}

/**
 * The `order` table. Every status change is a conditional UPDATE from the status it expects, so
 * concurrent changes cannot both win; each returns whether it changed the row.
 */
export class OrderRepo {
  constructor(private readonly pool: Pool) {}

  async findById(id: bigint): Promise<OrderRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM \`order\` WHERE id = ?`, [id]);
    return rows[0] && toOrder(rows[0]);
  }

  /** The order `id` if `uid` owns it; someone else's order looks just like a missing one. */
  async findOwned(id: bigint, uid: bigint): Promise<OrderRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM \`order\` WHERE id = ? AND uid = ?`, [
      id,
      uid,
    ]);
    return rows[0] && toOrder(rows[0]);
  }

  async findByGid(gid: string, db: Executor = this.pool): Promise<OrderRow | undefined> {
    const [rows] = await db.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM \`order\` WHERE gid = ?`, [gid]);
    return rows[0] && toOrder(rows[0]);
  }

  /** The order saga `gid` created, if `uid` owns it. */
  async findOwnedByGid(gid: string, uid: bigint): Promise<OrderRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT ${COLUMNS} FROM \`order\` WHERE gid = ? AND uid = ?`,
      [gid, uid],
    );
    return rows[0] && toOrder(rows[0]);
  }

  /** Newest first. */
  async listByUid(uid: bigint, { limit, offset }: Paging): Promise<OrderRow[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT ${COLUMNS} FROM \`order\` WHERE uid = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
      [uid, limit, offset],
    );
    return rows.map(toOrder);
  }

  /** Inserts an unpaid order; the unique gid index decides races (→ DuplicateGidError). */
  async insert(order: NewOrder, db: Executor = this.pool): Promise<bigint> {
    try {
      const [result] = await db.query<ResultSetHeader>(
        'INSERT INTO `order` (uid, pid, amount, status, num, gid) VALUES (?, ?, ?, 0, ?, ?)',
        [order.uid, order.pid, order.amount, order.num, order.gid],
      );
      return BigInt(result.insertId);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateGidError();
      throw error;
    }
  }

  /** Unpaid → cancelled. */
  cancel(id: bigint): Promise<boolean> {
    return this.change('UPDATE `order` SET status = 9 WHERE id = ? AND status = 0', [id]);
  }

  /** Cancelled → unpaid: only to undo a cancel whose stock could not be given back. */
  reopen(id: bigint): Promise<boolean> {
    return this.change('UPDATE `order` SET status = 0 WHERE id = ? AND status = 9', [id]);
  }

  /** Unpaid → cancelled for the order saga `gid` created (its compensation). */
  cancelByGid(gid: string, db: Executor = this.pool): Promise<boolean> {
    return this.change('UPDATE `order` SET status = 9 WHERE gid = ? AND status = 0', [gid], db);
  }

  /** Unpaid → paid. */
  markPaid(id: bigint): Promise<boolean> {
    return this.change('UPDATE `order` SET status = 1 WHERE id = ? AND status = 0', [id]);
  }

  /** Deletes the order if it is cancelled. */
  removeCancelled(id: bigint): Promise<boolean> {
    return this.change('DELETE FROM `order` WHERE id = ? AND status = 9', [id]);
  }

  private async change(sql: string, values: unknown[], db: Executor = this.pool): Promise<boolean> {
    const [result] = await db.query<ResultSetHeader>(sql, values);
    return result.affectedRows > 0;
  }
}
