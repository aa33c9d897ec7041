import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { startHarness, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('product_stock');
});

afterAll(async () => {
  await harness?.stop();
});

describe('product-rpc DecrStock / DecrStockRevert', () => {
  it('takes the last unit, then refuses with ABORTED "insufficient stock" (bug 1)', async () => {
    const { orderRpc } = harness;
    const id = await harness.product({ Stock: 1n });
    await orderRpc.decrStock({ id, num: 1n });
    expect((await harness.row(id))?.stock).toBe(0);

    const error = await appErrorOf(orderRpc.decrStock({ id, num: 1n }));
    expect([error.code, error.message]).toEqual(['ABORTED', 'insufficient stock']);
    expect((await harness.row(id))?.stock).toBe(0);
  });

  it('never oversells: 50 concurrent DecrStock(1) on stock 10 → exactly 10 succeed (bug 2)', async () => {
    const { orderRpc } = harness;
    const id = await harness.product({ Stock: 10n });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => orderRpc.decrStock({ id, num: 1n })));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).toMatchObject({ code: 'ABORTED', message: 'insufficient stock' });
    }
    expect((await harness.row(id))?.stock).toBe(0);
  });

  it('takes num units and gives num units back (bug 9)', async () => {
    const { orderRpc } = harness;
    const id = await harness.product({ Stock: 10n });
    await orderRpc.decrStock({ id, num: 3n });
    expect((await harness.row(id))?.stock).toBe(7);
    await orderRpc.decrStockRevert({ id, num: 3n });
    expect((await harness.row(id))?.stock).toBe(10);
  });

  it('refuses more than is left without touching the stock', async () => {
    const id = await harness.product({ Stock: 2n });
    const error = await appErrorOf(harness.orderRpc.decrStock({ id, num: 3n }));
    expect([error.code, error.message]).toEqual(['ABORTED', 'insufficient stock']);
    expect((await harness.row(id))?.stock).toBe(2);
  });

  it('answers ABORTED "product not found" for an unknown product', async () => {
    const error = await appErrorOf(harness.orderRpc.decrStock({ id: 987654321n, num: 1n }));
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

  it('rejects a num outside 1..1000000 and a bad id with INVALID_ARGUMENT', async () => {
    const { orderRpc } = harness;
    const id = await harness.product({ Stock: 5n });
    for (const num of [0n, -1n, 1_000_001n]) {
      expect((await appErrorOf(orderRpc.decrStock({ id, num }))).code).toBe('INVALID_ARGUMENT');
      expect((await appErrorOf(orderRpc.decrStockRevert({ id, num }))).code).toBe('INVALID_ARGUMENT');
    }
    expect((await appErrorOf(orderRpc.decrStock({ id: 0n, num: 1n }))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(orderRpc.decrStockRevert({ id: -4n, num: 1n }))).code).toBe('INVALID_ARGUMENT');
    expect((await harness.row(id))?.stock).toBe(5);
  });
});
