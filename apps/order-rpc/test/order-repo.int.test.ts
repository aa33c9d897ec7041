import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool, migrate, withTransaction, type Pool } from '@mall/db';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { DuplicateGidError, OrderRepo, type NewOrder } from '../src/repo/order-repo.js';

let database: TestDatabase;
let pool: Pool;
let orders: OrderRepo;
let nextUid = 1000n;

const newOrder = (overrides: Partial<NewOrder> = {}): NewOrder => ({
  uid: 1n,
  pid: 2n,
  amount: 300n,
  num: 1,
  gid: null,
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'order_repo');
  pool = createPool({ url: inject('mysqlUrl'), database: database.name });
  await migrate(pool, { service: 'order-rpc', dir: fileURLToPath(new URL('../sql/', import.meta.url)) });
  orders = new OrderRepo(pool);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('OrderRepo', () => {
  it('stores and reads back an unpaid order with its quantity and gid', async () => {
    const uid = nextUid++;
    const id = await orders.insert(newOrder({ uid, pid: 7n, amount: 4_294_967_295n, num: 3, gid: 'saga-read' }));
    const expected = { id, uid, pid: 7n, amount: 4_294_967_295n, status: 0, num: 3, gid: 'saga-read' };
    expect(await orders.findById(id)).toEqual(expected);
    expect(await orders.findOwned(id, uid)).toEqual(expected);
    expect(await orders.findByGid('saga-read')).toEqual(expected);
    expect(await orders.findOwned(id, uid + 1n)).toBeUndefined();
    expect(await orders.findOwnedByGid('saga-read', uid)).toEqual(expected);
    expect(await orders.findOwnedByGid('saga-read', uid + 1n)).toBeUndefined();
  });

  it("writes inside a caller's transaction when given its connection", async () => {
    const failure = new Error('the branch failed');
    const outcome = await withTransaction(pool, async (tx) => {
      await orders.insert(newOrder({ gid: 'saga-rolled-back' }), tx);
      expect(await orders.findByGid('saga-rolled-back', tx)).toBeDefined();
      throw failure;
    }).catch((error: unknown) => error);
    expect(outcome).toBe(failure);
    expect(await orders.findByGid('saga-rolled-back')).toBeUndefined();

    await orders.insert(newOrder({ gid: 'saga-tx-cancel' }));
    await withTransaction(pool, (tx) => orders.cancelByGid('saga-tx-cancel', tx));
    expect((await orders.findByGid('saga-tx-cancel'))?.status).toBe(9);
  });

  it('refuses a second order with the same gid, but takes any number without one', async () => {
    await orders.insert(newOrder({ gid: 'saga-dup' }));
    await expect(orders.insert(newOrder({ gid: 'saga-dup' }))).rejects.toBeInstanceOf(DuplicateGidError);
    const first = await orders.insert(newOrder());
    const second = await orders.insert(newOrder());
    expect((await orders.findById(first))?.gid).toBeNull();
    expect((await orders.findById(second))?.gid).toBeNull();
  });

  it('lets exactly one of a concurrent pay and cancel win, on every try', async () => {
    for (let round = 0; round < 20; round++) {
      const id = await orders.insert(newOrder());
      const [paid, cancelled] = await Promise.all([orders.markPaid(id), orders.cancel(id)]);
      expect(paid !== cancelled).toBe(true);
      expect((await orders.findById(id))?.status).toBe(paid ? 1 : 9);
    }
  });

  it('pays an order once however many callers race', async () => {
    const id = await orders.insert(newOrder());
    const results = await Promise.all(Array.from({ length: 8 }, () => orders.markPaid(id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await orders.findById(id))?.status).toBe(1);
  });

  it('never pays a cancelled order nor cancels a paid one', async () => {
    const cancelled = await orders.insert(newOrder());
    expect(await orders.cancel(cancelled)).toBe(true);
    expect(await orders.markPaid(cancelled)).toBe(false);
    expect((await orders.findById(cancelled))?.status).toBe(9);

    const paid = await orders.insert(newOrder());
    expect(await orders.markPaid(paid)).toBe(true);
    expect(await orders.cancel(paid)).toBe(false);
    expect(await orders.reopen(paid)).toBe(false);
    expect((await orders.findById(paid))?.status).toBe(1);
  });

  it('reopens only a cancelled order', async () => {
    const id = await orders.insert(newOrder());
    expect(await orders.reopen(id)).toBe(false);
    await orders.cancel(id);
    expect(await orders.reopen(id)).toBe(true);
    expect((await orders.findById(id))?.status).toBe(0);
  });

  it("cancels by gid only that saga's order, even when the user has newer ones (bug 8)", async () => {
    const uid = nextUid++;
    const sagas = await orders.insert(newOrder({ uid, gid: 'saga-revert' }));
    const newer = await orders.insert(newOrder({ uid, gid: 'saga-later' }));
    const newest = await orders.insert(newOrder({ uid }));

    expect(await orders.cancelByGid('saga-revert')).toBe(true);
    expect(await orders.cancelByGid('saga-revert')).toBe(false);
    expect(await orders.cancelByGid('saga-never-created')).toBe(false);

    expect((await orders.findById(sagas))?.status).toBe(9);
    expect((await orders.findById(newer))?.status).toBe(0);
    expect((await orders.findById(newest))?.status).toBe(0);
  });

  it('leaves a paid order alone when its saga compensates', async () => {
    const id = await orders.insert(newOrder({ gid: 'saga-paid' }));
    await orders.markPaid(id);
    expect(await orders.cancelByGid('saga-paid')).toBe(false);
    expect((await orders.findById(id))?.status).toBe(1);
  });

  it('deletes only cancelled orders', async () => {
    const open = await orders.insert(newOrder());
    const paid = await orders.insert(newOrder());
    const cancelled = await orders.insert(newOrder());
    await orders.markPaid(paid);
    await orders.cancel(cancelled);

    expect(await orders.removeCancelled(open)).toBe(false);
    expect(await orders.removeCancelled(paid)).toBe(false);
    expect(await orders.removeCancelled(cancelled)).toBe(true);
    expect(await orders.findById(open)).toBeDefined();
    expect(await orders.findById(paid)).toBeDefined();
    expect(await orders.findById(cancelled)).toBeUndefined();
  });

  it("lists one user's orders newest first, a page at a time (bug 17)", async () => {
    const uid = nextUid++;
    const ids: bigint[] = [];
    for (let i = 0; i < 5; i++) ids.push(await orders.insert(newOrder({ uid, amount: BigInt(i) })));
    await orders.insert(newOrder({ uid: uid + 1n }));
    const newestFirst = [...ids].reverse();

    const all = await orders.listByUid(uid, { limit: 100, offset: 0n });
    expect(all.map((order) => order.id)).toEqual(newestFirst);
    const second = await orders.listByUid(uid, { limit: 2, offset: 2n });
    expect(second.map((order) => order.id)).toEqual(newestFirst.slice(2, 4));
    expect(await orders.listByUid(uid, { limit: 2, offset: 10n })).toEqual([]);
  });
});
