import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { startHarness, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('product_crud');
});

afterAll(async () => {
  await harness?.stop();
});

describe('product-rpc create, detail, update, remove', () => {
  it('creates a product owned by the caller and returns every field from Detail', async () => {
    const { client } = harness;
    const { id } = await client.create({
      Name: 'iPhone',
      Desc: 'a phone',
      Stock: 100n,
      Amount: 5999n,
      Status: 1n,
      Uid: 7n,
    });
    expect(id).toBeGreaterThan(0n);

    expect(await client.detail({ id })).toEqual({
      id,
      Name: 'iPhone',
      Desc: 'a phone',
      Stock: 100n,
      Amount: 5999n,
      Status: 1n,
      Uid: 7n,
    });
    expect(await harness.row(id)).toEqual({
      id: String(id),
      name: 'iPhone',
      desc: 'a phone',
      stock: 100,
      amount: 5999,
      status: 1,
      uid: '7',
    });
  });

  it('accepts the edges of every range: empty Desc, zeros, the column maxima, 255 characters', async () => {
    const name = '商'.repeat(255);
    const id = await harness.product({ Name: name, Desc: '', Stock: 0n, Amount: 4_294_967_295n, Status: 255n });
    expect(await harness.client.detail({ id })).toMatchObject({
      Name: name,
      Desc: '',
      Stock: 0n,
      Amount: 4_294_967_295n,
      Status: 255n,
    });
  });

  it('updates the present fields only', async () => {
    const { client } = harness;
    const id = await harness.product({ Name: 'old', Desc: 'old desc', Stock: 5n, Amount: 100n, Status: 1n, Uid: 3n });
    await client.update({ id, Name: 'new', Amount: 120n, Uid: 3n });
    expect(await harness.row(id)).toMatchObject({ name: 'new', desc: 'old desc', stock: 5, amount: 120, status: 1 });
  });

  it('sets stock 0, status 0, amount 0 and desc "" (bug 3)', async () => {
    const { client } = harness;
    const id = await harness.product({ Name: 'kept', Desc: 'text', Stock: 9n, Amount: 50n, Status: 2n, Uid: 3n });
    await client.update({ id, Desc: '', Stock: 0n, Amount: 0n, Status: 0n, Uid: 3n });
    expect(await harness.row(id)).toMatchObject({ name: 'kept', desc: '', stock: 0, amount: 0, status: 0 });
    expect(await client.detail({ id })).toMatchObject({ Name: 'kept', Desc: '', Stock: 0n, Amount: 0n, Status: 0n });
  });

  it('succeeds when the update writes the values the product already has', async () => {
    const id = await harness.product({ Name: 'same', Stock: 4n, Uid: 3n });
    await harness.client.update({ id, Name: 'same', Stock: 4n, Uid: 3n });
    expect(await harness.row(id)).toMatchObject({ name: 'same', stock: 4 });
  });

  it('treats an update without fields as an ownership check that changes nothing', async () => {
    const id = await harness.product({ Name: 'untouched', Uid: 3n });
    const before = await harness.row(id);
    await harness.client.update({ id, Uid: 3n });
    expect(await harness.row(id)).toEqual(before);
    expect((await appErrorOf(harness.client.update({ id: 987654321n, Uid: 3n }))).code).toBe('NOT_FOUND');
  });

  it('removes a product for its owner, keeping the row for the orders that name it (bug 17)', async () => {
    const { client } = harness;
    const id = await harness.product({ Uid: 4n, Stock: 5n });
    await client.remove({ id, Uid: 4n });
    expect(await harness.row(id)).toMatchObject({ stock: 5 });
    expect(await appErrorOf(client.detail({ id }))).toMatchObject({ code: 'NOT_FOUND', message: 'product not found' });
    expect(await appErrorOf(client.remove({ id, Uid: 4n }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await appErrorOf(client.update({ id, Uid: 4n, Stock: 1n }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await appErrorOf(harness.action({ id, num: 1n }))).toMatchObject({
      code: 'ABORTED',
      message: 'product not found',
    });
    expect(await harness.row(id)).toMatchObject({ stock: 5 });
    // A cancelled order of a removed product still gets its stock back.
    await harness.orderRpc.decrStockRevert({ id, num: 2n });
    expect(await harness.row(id)).toMatchObject({ stock: 7 });
  });
});
