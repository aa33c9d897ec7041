import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool, migrate, type Pool, type RowDataPacket } from '@mall/db';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { DuplicateOrderPaymentError, PayRepo } from '../src/repo/pay-repo.js';

let database: TestDatabase;
let pool: Pool;
let payments: PayRepo;
let lastOid = 0n;

const newPayment = () => ({ uid: 1n, oid: ++lastOid, amount: 300n });

/** The stored status and source, read straight from the table. */
async function stored(id: bigint): Promise<{ status: number; source: number } | undefined> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT status, source FROM pay WHERE id = ?', [id]);
  return rows[0] && { status: Number(rows[0].status), source: Number(rows[0].source) };
}

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'pay_repo');
  pool = createPool({ url: inject('mysqlUrl'), database: database.name });
  await migrate(pool, { service: 'pay-rpc', dir: fileURLToPath(new URL('../sql/', import.meta.url)) });
  payments = new PayRepo(pool);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('PayRepo', () => {
  it('stores a created payment and reads it back for its owner only', async () => {
    const payment = { uid: 42n, oid: ++lastOid, amount: 4_294_967_295n };
    const id = await payments.insert(payment);
    expect(await payments.findOwned(id, 42n)).toEqual({ id, ...payment, source: 0, status: 0 });
    expect(await payments.findOwned(id, 43n)).toBeUndefined();
  });

  it('refuses a second payment for the same order (bug 7)', async () => {
    const payment = newPayment();
    await payments.insert(payment);
    await expect(payments.insert({ ...payment, uid: 2n })).rejects.toBeInstanceOf(DuplicateOrderPaymentError);
  });

  it('keeps one payment per order when inserts race', async () => {
    const payment = newPayment();
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => payments.insert(payment)));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect(attempt.reason).toBeInstanceOf(DuplicateOrderPaymentError);
    }
    const [rows] = await pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM pay WHERE oid = ?', [payment.oid]);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('pays a created or failed payment, and records the source', async () => {
    const created = await payments.insert(newPayment());
    expect(await payments.markPaid(created, 3)).toBe(true);
    expect(await stored(created)).toMatchObject({ status: 1, source: 3 });

    const failed = await payments.insert(newPayment());
    expect(await payments.markFailed(failed, 4)).toBe(true);
    expect(await stored(failed)).toMatchObject({ status: 2, source: 4 });
    expect(await payments.markFailed(failed, 4)).toBe(true);
    expect(await payments.markPaid(failed, 5)).toBe(true);
    expect(await stored(failed)).toMatchObject({ status: 1, source: 5 });
  });

  it('never overwrites a success', async () => {
    const id = await payments.insert(newPayment());
    await payments.markPaid(id, 1);
    expect(await payments.markFailed(id, 2)).toBe(false);
    expect(await payments.markPaid(id, 9)).toBe(false);
    expect(await stored(id)).toMatchObject({ status: 1, source: 1 });
  });

  it('ends paid whether a failure is recorded before or after the success', async () => {
    for (let round = 0; round < 20; round++) {
      const id = await payments.insert(newPayment());
      const [paid] = await Promise.all([payments.markPaid(id, 1), payments.markFailed(id, 2)]);
      expect(paid).toBe(true);
      expect((await stored(id))?.status).toBe(1);
    }
  });
});
