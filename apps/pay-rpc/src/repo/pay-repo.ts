import { isDuplicateKey, type Pool, type ResultSetHeader, type RowDataPacket } from '@mall/db';

export interface PayRow {
  id: bigint;
  uid: bigint;
  oid: bigint;
  amount: bigint;
  source: number;
  status: number;
}

export type NewPayment = Pick<PayRow, 'uid' | 'oid' | 'amount'>;

export class DuplicateOrderPaymentError extends Error {}

const COLUMNS = 'id, uid, oid, amount, source, status';

function toPayment(row: RowDataPacket): PayRow {
  return {
    id: BigInt(row.id as string),
    uid: BigInt(row.uid as string),
    oid: BigInt(row.oid as string),
    amount: BigInt(row.amount as number),
    source: Number(row.source),
    status: Number(row.status),
  };
}

/** The `pay` table: one row per order (unique oid); a success, once recorded, is never overwritten. */
export class PayRepo {
  constructor(private readonly pool: Pool) {}

  /** The payment `id` if `uid` owns it; someone else's looks just like a missing one. */
  async findOwned(id: bigint, uid: bigint): Promise<PayRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${COLUMNS} FROM pay WHERE id = ? AND uid = ?`, [
      id,
      uid,
    ]);
    return rows[0] && toPayment(rows[0]);
  }

  /** Inserts a created payment; the unique oid index decides races (→ DuplicateOrderPaymentError). */
  async insert(payment: NewPayment): Promise<bigint> {
    try {
      const [result] = await this.pool.query<ResultSetHeader>(
        'INSERT INTO pay (uid, oid, amount, source, status) VALUES (?, ?, ?, 0, 0)',
        [payment.uid, payment.oid, payment.amount],
      );
      return BigInt(result.insertId);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateOrderPaymentError();
      throw error;
    }
  }

  /** Created or failed → paid. */
  markPaid(id: bigint, source: number): Promise<boolean> {
    return this.change('UPDATE pay SET status = 1, source = ? WHERE id = ? AND status IN (0, 2)', [source, id]);
  }

  /** Created or failed → failed; false when the payment has succeeded. */
  markFailed(id: bigint, source: number): Promise<boolean> {
    return this.change('UPDATE pay SET status = 2, source = ? WHERE id = ? AND status IN (0, 2)', [source, id]);
  }

  private async change(sql: string, values: unknown[]): Promise<boolean> {
    const [result] = await this.pool.query<ResultSetHeader>(sql, values);
    return result.affectedRows > 0;
  }
}
