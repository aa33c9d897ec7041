import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { startHarness, type Harness } from './harness.js';

let harness: Harness;
let gateway: Harness['gateway'];
let payRpc: Harness['payRpc'];
let givenUser: Harness['givenUser'];
let givenProduct: Harness['givenProduct'];
let newGid: Harness['newGid'];
let givenOrder: Harness['givenOrder'];

beforeAll(async () => {
  harness = await startHarness();
  ({ gateway, payRpc, givenUser, givenProduct, newGid, givenOrder } = harness);
});

afterAll(() => harness?.stop());

describe('order-rpc Detail', () => {
  it("never shows someone else's order (bug 4)", async () => {
    const owner = givenUser();
    const id = await givenOrder(owner, givenProduct(5n, 5n));
    for (const client of [gateway, payRpc]) {
      const error = await appErrorOf(client.detail({ id, Uid: givenUser(), Gid: '' }));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', 'order not found']);
    }
    expect((await appErrorOf(gateway.detail({ id: 987_654_321n, Uid: owner, Gid: '' }))).code).toBe('NOT_FOUND');
  });

  it('reads an order by the gid of the saga that created it, for its owner only', async () => {
    const owner = givenUser();
    const pid = givenProduct(7n, 5n);
    const gid = newGid();
    const id = await givenOrder(owner, pid, 2n, gid);
    expect(await gateway.detail({ id: 0n, Uid: owner, Gid: gid })).toEqual({
      id,
      Uid: owner,
      Pid: pid,
      Amount: 14n,
      Status: 0n,
      Gid: gid,
      Num: 2n,
    });
    for (const request of [
      { id: 0n, Uid: givenUser(), Gid: gid },
      { id: 0n, Uid: owner, Gid: newGid() },
    ]) {
      const error = await appErrorOf(gateway.detail(request));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', 'order not found']);
    }
    const tooLong = await appErrorOf(gateway.detail({ id: 0n, Uid: owner, Gid: 'g'.repeat(129) }));
    expect(tooLong.code).toBe('INVALID_ARGUMENT');
  });

  it('wants a positive id (or a Gid) and Uid from every caller', async () => {
    const owner = givenUser();
    const id = await givenOrder(owner, givenProduct(5n, 5n));
    for (const client of [gateway, payRpc]) {
      const noUid = await appErrorOf(client.detail({ id, Uid: 0n, Gid: '' }));
      expect([noUid.code, noUid.message]).toEqual(['INVALID_ARGUMENT', 'Uid must be a positive integer']);
      expect((await appErrorOf(client.detail({ id: 0n, Uid: owner, Gid: '' }))).code).toBe('INVALID_ARGUMENT');
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
    expect((await appErrorOf(gateway.detail({ id: open, Uid: uid, Gid: '' }))).code).toBe('NOT_FOUND');
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
