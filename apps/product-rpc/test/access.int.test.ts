import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { ProductService } from '@mall/proto/product';
import { createRpcClient } from '@mall/rpc';
import { branchMetadata, newGid, startHarness, TOKEN, type Harness } from './harness.js';

const OWNER = 11n;
const STRANGER = 12n;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('product_access');
});

afterAll(async () => {
  await harness?.stop();
});

describe('product-rpc ownership, validation and credentials', () => {
  it("refuses another user's update and remove with PERMISSION_DENIED and leaves the row alone (bug 4)", async () => {
    const { client } = harness;
    const id = await harness.product({ Name: 'mine', Stock: 3n, Uid: OWNER });
    const before = await harness.row(id);
    const denied = { code: 'PERMISSION_DENIED', message: 'product belongs to another user' };

    expect(await appErrorOf(client.update({ id, Name: 'stolen', Stock: 0n, Uid: STRANGER }))).toMatchObject(denied);
    expect(await appErrorOf(client.update({ id, Uid: STRANGER }))).toMatchObject(denied);
    expect(await appErrorOf(client.remove({ id, Uid: STRANGER }))).toMatchObject(denied);
    expect(await harness.row(id)).toEqual(before);

    expect(await client.detail({ id })).toMatchObject({ Name: 'mine', Uid: OWNER });
  });

  it('answers NOT_FOUND "product not found" for unknown ids', async () => {
    const { client } = harness;
    const notFound = { code: 'NOT_FOUND', message: 'product not found' };
    expect(await appErrorOf(client.detail({ id: 987654321n }))).toMatchObject(notFound);
    expect(await appErrorOf(client.update({ id: 987654321n, Name: 'x', Uid: OWNER }))).toMatchObject(notFound);
    expect(await appErrorOf(client.remove({ id: 987654321n, Uid: OWNER }))).toMatchObject(notFound);
  });

  it('rejects malformed creates with INVALID_ARGUMENT and stores nothing', async () => {
    const before = await harness.count();
    const valid = { Name: 'ok', Desc: '', Stock: 1n, Amount: 1n, Status: 0n, Uid: OWNER };
    const cases = [
      { ...valid, Uid: 0n },
      { ...valid, Uid: -1n },
      { ...valid, Name: '' },
      { ...valid, Name: '   ' },
      { ...valid, Name: 'n'.repeat(256) },
      { ...valid, Desc: 'd'.repeat(256) },
      { ...valid, Stock: -1n },
      { ...valid, Stock: 4_294_967_296n },
      { ...valid, Amount: -1n },
      { ...valid, Amount: 4_294_967_296n },
      { ...valid, Status: -1n },
      { ...valid, Status: 256n },
    ];
    for (const request of cases) {
      const error = await appErrorOf(harness.client.create(request));
      expect(
        error.code,
        JSON.stringify(request, (_, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)),
      ).toBe('INVALID_ARGUMENT');
      expect(error.message).not.toMatch(/sql|insert|column/i);
    }
    expect(await harness.count()).toBe(before);
    await harness.product(valid);
    expect(await harness.count()).toBe(before + 1);
  });

  it('rejects malformed updates, removes and details with INVALID_ARGUMENT and changes nothing', async () => {
    const { client } = harness;
    const id = await harness.product({ Name: 'stable', Uid: OWNER });
    const before = await harness.row(id);
    const updates = [
      { id, Name: '', Uid: OWNER },
      { id, Desc: 'd'.repeat(256), Uid: OWNER },
      { id, Stock: -1n, Uid: OWNER },
      { id, Amount: 4_294_967_296n, Uid: OWNER },
      { id, Status: 256n, Uid: OWNER },
      { id, Name: 'ok', Uid: 0n },
      { id: 0n, Name: 'ok', Uid: OWNER },
    ];
    for (const request of updates) expect((await appErrorOf(client.update(request))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(client.remove({ id, Uid: 0n }))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(client.remove({ id: 0n, Uid: OWNER }))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(client.detail({ id: -1n }))).code).toBe('INVALID_ARGUMENT');
    expect(await harness.row(id)).toEqual(before);
  });

  it('lets only dtm take stock, and only order-rpc and dtm give it back; others get PERMISSION_DENIED', async () => {
    const id = await harness.product({ Stock: 5n });
    const gid = newGid();
    const denied = (caller: string, method: string) => ({
      code: 'PERMISSION_DENIED',
      message: `${caller} may not call /product.Product/${method}`,
    });
    expect(await appErrorOf(harness.client.decrStock({ id, num: 1n }, branchMetadata(gid, 'action')))).toMatchObject(
      denied('gateway', 'DecrStock'),
    );
    expect(await appErrorOf(harness.client.decrStockRevert({ id, num: 1n }))).toMatchObject(
      denied('gateway', 'DecrStockRevert'),
    );
    expect(await appErrorOf(harness.orderRpc.decrStock({ id, num: 1n }, branchMetadata(gid, 'action')))).toMatchObject(
      denied('order-rpc', 'DecrStock'),
    );
    expect((await harness.row(id))?.stock).toBe(5);
    expect(await harness.barrierRows(gid)).toEqual([]);

    await harness.action({ id, num: 2n }, gid);
    await harness.compensate({ id, num: 1n }, gid);
    await harness.orderRpc.decrStockRevert({ id, num: 1n });
    expect((await harness.row(id))?.stock).toBe(5);
  });

  it('refuses calls without or with wrong credentials, which the caller reports as INTERNAL (its own fault)', async () => {
    const target = `127.0.0.1:${harness.port}`;
    const anonymous = createRpcClient(ProductService, target, { app: '', token: '' });
    const impostor = createRpcClient(ProductService, target, { app: 'gateway', token: `${TOKEN}-guessed` });
    try {
      const id = await harness.product({ Stock: 4n });
      expect(await appErrorOf(anonymous.decrStock({ id, num: 1n }))).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining(`refused this service's RPC credentials (app/token required)`),
      });
      expect(await appErrorOf(impostor.detail({ id }))).toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining(`refused this service's RPC credentials (access denied)`),
      });
      expect((await harness.row(id))?.stock).toBe(4);
    } finally {
      anonymous.close();
      impostor.close();
    }
  });
});
