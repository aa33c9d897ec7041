import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { newGid, startHarness, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('product_stock');
});

afterAll(async () => {
  await harness?.stop();
});

describe('product-rpc DecrStock / DecrStockRevert', () => {
  it('takes the last unit, then refuses with ABORTED "insufficient stock" (bug 1)', async () => {
    const id = await harness.product({ Stock: 1n });
    await harness.action({ id, num: 1n });
    expect((await harness.row(id))?.stock).toBe(0);

    const error = await appErrorOf(harness.action({ id, num: 1n }));
    expect([error.code, error.message]).toEqual(['ABORTED', 'insufficient stock']);
    expect((await harness.row(id))?.stock).toBe(0);
  });

  it('never oversells: 50 concurrent DecrStock(1) of 50 sagas on stock 10 → exactly 10 succeed (bug 2)', async () => {
    const id = await harness.product({ Stock: 10n });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => harness.action({ id, num: 1n })));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).toMatchObject({ code: 'ABORTED', message: 'insufficient stock' });
    }
    expect((await harness.row(id))?.stock).toBe(0);
  });

  it('takes num units and gives num units back (bug 9)', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await harness.action({ id, num: 3n }, gid);
    expect((await harness.row(id))?.stock).toBe(7);
    await harness.compensate({ id, num: 3n }, gid);
    expect((await harness.row(id))?.stock).toBe(10);
  });

  it('gives num units back on a direct call from order-rpc, which cancels an order', async () => {
    const id = await harness.product({ Stock: 10n });
    await harness.orderRpc.decrStockRevert({ id, num: 4n });
    expect((await harness.row(id))?.stock).toBe(14);
  });

  it('refuses more than is left without touching the stock', async () => {
    const id = await harness.product({ Stock: 2n });
    const error = await appErrorOf(harness.action({ id, num: 3n }));
    expect([error.code, error.message]).toEqual(['ABORTED', 'insufficient stock']);
    expect((await harness.row(id))?.stock).toBe(2);
  });

  it('answers ABORTED "product not found" for an unknown product', async () => {
    const error = await appErrorOf(harness.action({ id: 987654321n, num: 1n }));
    expect([error.code, error.message]).toEqual(['ABORTED', 'product not found']);
  });

  it('reverts on a product that does not exist as a successful no-op', async () => {
    await expect(harness.orderRpc.decrStockRevert({ id: 987654321n, num: 2n })).resolves.toEqual({});
    expect(await harness.row(987654321n)).toBeUndefined();
  });

  it('caps a revert at the column maximum instead of failing', async () => {
    const id = await harness.product({ Stock: 4_294_967_294n });
    await harness.orderRpc.decrStockRevert({ id, num: 5n });
    expect((await harness.row(id))?.stock).toBe(4_294_967_295);
  });

  it('rejects a num outside 1..1000000 and a bad id with ABORTED, so DTM does not retry them', async () => {
    const id = await harness.product({ Stock: 5n });
    const badNum = { code: 'ABORTED', message: 'num must be 1-1000000' };
    const badId = { code: 'ABORTED', message: 'id must be a positive integer' };
    for (const num of [0n, -1n, 1_000_001n]) {
      const gid = newGid();
      expect(await appErrorOf(harness.action({ id, num }, gid))).toMatchObject(badNum);
      expect(await appErrorOf(harness.compensate({ id, num }, gid))).toMatchObject(badNum);
      expect(await appErrorOf(harness.orderRpc.decrStockRevert({ id, num }))).toMatchObject(badNum);
    }
    expect(await appErrorOf(harness.action({ id: 0n, num: 1n }))).toMatchObject(badId);
    expect(await appErrorOf(harness.orderRpc.decrStockRevert({ id: -4n, num: 1n }))).toMatchObject(badId);
    expect((await harness.row(id))?.stock).toBe(5);
  });
});
