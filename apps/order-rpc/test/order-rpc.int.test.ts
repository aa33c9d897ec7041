import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import type { AppError } from '@mall/rpc';
import { startHarness, type Harness } from './harness.js';

let harness: Harness;
let gateway: Harness['gateway'];
let payRpc: Harness['payRpc'];
let dtm: Harness['dtm'];
let givenUser: Harness['givenUser'];
let givenProduct: Harness['givenProduct'];
let stockOf: Harness['stockOf'];
let givenOrder: Harness['givenOrder'];
let statusOf: Harness['statusOf'];

beforeAll(async () => {
  harness = await startHarness();
  ({ gateway, payRpc, dtm, givenUser, givenProduct, stockOf, givenOrder, statusOf } = harness);
});

afterAll(() => harness?.stop());

describe('order-rpc Create', () => {
  it('prices the order from the product, whatever amount and status the client sends (bug 5)', async () => {
    const uid = givenUser();
    const pid = givenProduct(1999n, 10n);
    const { id } = await gateway.create({ Uid: uid, Pid: pid, Amount: 1n, Status: 1n, Num: 3n, Gid: '' });
    expect(id).toBeGreaterThan(0n);
    expect(await gateway.detail({ id, Uid: uid })).toEqual({
      id,
      Uid: uid,
      Pid: pid,
      Amount: 5997n,
      Status: 0n,
      Gid: '',
      Num: 3n,
    });
    expect(stockOf(pid)).toBe(7n);
  });

  it('orders one when Num is unset', async () => {
    const uid = givenUser();
    const pid = givenProduct(250n, 5n);
    const id = await givenOrder(uid, pid, 0n, 'saga-num-default');
    expect(await gateway.detail({ id, Uid: uid })).toMatchObject({ Amount: 250n, Num: 1n, Gid: 'saga-num-default' });
    expect(stockOf(pid)).toBe(4n);
  });

  it('passes NOT_FOUND and insufficient stock through, recording nothing', async () => {
    const uid = givenUser();
    const pid = givenProduct(100n, 1n);
    const request = { Amount: 0n, Status: 0n, Num: 1n, Gid: '' };

    const noUser = await appErrorOf(gateway.create({ ...request, Uid: 999_999n, Pid: pid }));
    expect([noUser.code, noUser.message]).toEqual(['NOT_FOUND', 'user not found']);
    const noProduct = await appErrorOf(gateway.create({ ...request, Uid: uid, Pid: 999_999n }));
    expect([noProduct.code, noProduct.message]).toEqual(['NOT_FOUND', 'product not found']);
    const noStock = await appErrorOf(gateway.create({ ...request, Uid: uid, Pid: pid, Num: 2n }));
    expect([noStock.code, noStock.message]).toEqual(['ABORTED', 'insufficient stock']);

    expect(stockOf(pid)).toBe(1n);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toEqual([]);
  });

  it('refuses an amount beyond the column before taking any stock', async () => {
    const uid = givenUser();
    const pid = givenProduct(3_000_000_000n, 10n);
    const error = await appErrorOf(gateway.create({ Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 2n, Gid: '' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(stockOf(pid)).toBe(10n);
  });

  it('rejects malformed input with INVALID_ARGUMENT', async () => {
    const uid = givenUser();
    const pid = givenProduct(1n, 10n);
    const valid = { Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 1n, Gid: '' };
    const cases = [{ Uid: 0n }, { Pid: -1n }, { Num: 1001n }, { Num: -1n }, { Gid: 'g'.repeat(129) }];
    for (const change of cases) {
      expect((await appErrorOf(gateway.create({ ...valid, ...change }))).code).toBe('INVALID_ARGUMENT');
    }
    expect(stockOf(pid)).toBe(10n);
  });

  it('records one order per Gid and gives back the stock of racing duplicates', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => givenOrder(uid, pid, 1n, 'saga-race')));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect((attempt.reason as AppError).code).toBe('ALREADY_EXISTS');
    }
    expect(stockOf(pid)).toBe(9n);

    expect((await appErrorOf(givenOrder(uid, pid, 1n, 'saga-race'))).code).toBe('ALREADY_EXISTS');
    expect(stockOf(pid)).toBe(9n);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toHaveLength(1);
  });
});

describe('order-rpc CreateRevert', () => {
  it('cancels the order of its Gid only, even when the user ordered again since (bug 8)', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const reverted = await givenOrder(uid, pid, 1n, 'saga-undo');
    const newer = await givenOrder(uid, pid, 1n, 'saga-keep');
    const newest = await givenOrder(uid, pid);
    const revert = { Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 1n, Gid: 'saga-undo' };

    await dtm.createRevert(revert);
    await dtm.createRevert(revert);
    await dtm.createRevert({ ...revert, Gid: 'saga-never-ran' });

    expect(await statusOf(reverted)).toBe(9);
    expect(await statusOf(newer)).toBe(0);
    expect(await statusOf(newest)).toBe(0);
    // The stock comes back through product-rpc's own compensation, not this one.
    expect(stockOf(pid)).toBe(7n);
  });

  it('needs a Gid', async () => {
    const error = await appErrorOf(dtm.createRevert({ Uid: 1n, Pid: 1n, Amount: 0n, Status: 0n, Num: 1n, Gid: '' }));
    expect([error.code, error.message]).toEqual(['INVALID_ARGUMENT', 'Gid is required']);
  });
});

describe('order-rpc Detail', () => {
  it("never shows someone else's order (bug 4)", async () => {
    const owner = givenUser();
    const id = await givenOrder(owner, givenProduct(5n, 5n));
    for (const client of [gateway, payRpc]) {
      const error = await appErrorOf(client.detail({ id, Uid: givenUser() }));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', 'order not found']);
    }
    expect((await appErrorOf(gateway.detail({ id: 987_654_321n, Uid: owner }))).code).toBe('NOT_FOUND');
  });

  it('wants a positive id and Uid from every caller', async () => {
    const owner = givenUser();
    const id = await givenOrder(owner, givenProduct(5n, 5n));
    for (const client of [gateway, payRpc]) {
      const noUid = await appErrorOf(client.detail({ id, Uid: 0n }));
      expect([noUid.code, noUid.message]).toEqual(['INVALID_ARGUMENT', 'Uid must be a positive integer']);
      expect((await appErrorOf(client.detail({ id: 0n, Uid: owner }))).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('order-rpc Remove', () => {
  it('removes only cancelled orders of the caller', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const open = await givenOrder(uid, pid);
    const paid = await givenOrder(uid, pid);
    await payRpc.paid({ id: paid });

    const openError = await appErrorOf(gateway.remove({ id: open, Uid: uid }));
    expect([openError.code, openError.message]).toEqual(['FAILED_PRECONDITION', 'cancel the order before removing it']);
    const paidError = await appErrorOf(gateway.remove({ id: paid, Uid: uid }));
    expect([paidError.code, paidError.message]).toEqual(['FAILED_PRECONDITION', 'a paid order cannot be removed']);

    await gateway.update({ id: open, Uid: uid, Status: 9n });
    expect((await appErrorOf(gateway.remove({ id: open, Uid: givenUser() }))).code).toBe('NOT_FOUND');
    await gateway.remove({ id: open, Uid: uid });
    expect((await appErrorOf(gateway.detail({ id: open, Uid: uid }))).code).toBe('NOT_FOUND');
  });
});

describe('order-rpc List', () => {
  it("lists the user's own orders newest first, a page at a time (bug 17)", async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const ids = [await givenOrder(uid, pid), await givenOrder(uid, pid), await givenOrder(uid, pid)];
    await givenOrder(givenUser(), pid);

    const ids0 = (page: { data: { id: bigint }[] }) => page.data.map((order) => order.id);
    expect(ids0(await gateway.list({ uid, Page: 0n, PageSize: 0n }))).toEqual([ids[2], ids[1], ids[0]]);
    expect(ids0(await gateway.list({ uid, Page: 1n, PageSize: 2n }))).toEqual([ids[2], ids[1]]);
    expect(ids0(await gateway.list({ uid, Page: 2n, PageSize: 2n }))).toEqual([ids[0]]);
    expect((await appErrorOf(gateway.list({ uid, Page: 1n, PageSize: 1001n }))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(gateway.list({ uid: 0n, Page: 1n, PageSize: 10n }))).code).toBe('INVALID_ARGUMENT');
  });
});
