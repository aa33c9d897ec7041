import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metadata } from '@grpc/grpc-js';
import { AppError } from '@mall/rpc';
import { appErrorOf } from '@mall/testing';
import { orderRequest, startHarness, type Harness } from './harness.js';

let harness: Harness;
let gateway: Harness['gateway'];
let payRpc: Harness['payRpc'];
let dtm: Harness['dtm'];
let givenUser: Harness['givenUser'];
let givenProduct: Harness['givenProduct'];
let stockOf: Harness['stockOf'];
let newGid: Harness['newGid'];
let sagaAction: Harness['sagaAction'];
let sagaCompensate: Harness['sagaCompensate'];
let givenOrder: Harness['givenOrder'];
let statusOf: Harness['statusOf'];
let statusesByGid: Harness['statusesByGid'];
let barrierRowsOf: Harness['barrierRowsOf'];

beforeAll(async () => {
  harness = await startHarness();
  ({ gateway, payRpc, dtm, givenUser, givenProduct, stockOf, newGid, sagaAction, sagaCompensate } = harness);
  ({ givenOrder, statusOf, statusesByGid, barrierRowsOf } = harness);
});

afterAll(() => harness?.stop());

const barrierRow = (op: string, reason = op) => ({ branch_id: '01', op, barrier_id: '01', reason });

describe('order-rpc Create, the saga action', () => {
  it('records an unpaid order keyed by the gid, priced from the product whatever the client sends (bug 5)', async () => {
    const uid = givenUser();
    const pid = givenProduct(1999n, 10n);
    const gid = newGid();
    const { id } = await sagaAction(gid, { ...orderRequest(uid, pid, 3n), Amount: 1n, Status: 1n });
    expect(id).toBeGreaterThan(0n);
    expect(await gateway.detail({ id, Uid: uid, Gid: '' })).toEqual({
      id,
      Uid: uid,
      Pid: pid,
      Amount: 5997n,
      Status: 0n,
      Gid: gid,
      Num: 3n,
    });
    expect(await barrierRowsOf(gid)).toEqual([barrierRow('action')]);
    // Taking the stock is the saga's next step, product-rpc's.
    expect(stockOf(pid)).toBe(10n);
  });

  it('orders one when Num is unset, and accepts a Gid repeating the saga gid', async () => {
    const uid = givenUser();
    const pid = givenProduct(250n, 5n);
    const gid = newGid();
    const { id } = await sagaAction(gid, orderRequest(uid, pid, 0n, gid));
    expect(await gateway.detail({ id, Uid: uid, Gid: '' })).toMatchObject({ Amount: 250n, Num: 1n, Gid: gid });
  });

  it('answers the same order when DTM delivers the action again, also concurrently', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const gid = newGid();
    const first = await sagaAction(gid, orderRequest(uid, pid));
    expect(await sagaAction(gid, orderRequest(uid, pid))).toEqual(first);

    const racing = newGid();
    const answers = await Promise.all(Array.from({ length: 5 }, () => sagaAction(racing, orderRequest(uid, pid))));
    expect(new Set(answers.map(({ id }) => id)).size).toBe(1);
    expect(answers[0]?.id).toBeGreaterThan(first.id);
    expect(await statusesByGid(racing)).toEqual([0]);
    expect(await barrierRowsOf(racing)).toEqual([barrierRow('action')]);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toHaveLength(2);
  });

  it('fails an unknown user or product at once (ABORTED), leaving nothing for the compensation to undo', async () => {
    const uid = givenUser();
    const pid = givenProduct(100n, 1n);
    const noUser = newGid();
    const noProduct = newGid();
    const userError = await appErrorOf(sagaAction(noUser, orderRequest(999_999n, pid)));
    expect([userError.code, userError.message]).toEqual(['ABORTED', 'user not found']);
    const productError = await appErrorOf(sagaAction(noProduct, orderRequest(uid, 999_999n)));
    expect([productError.code, productError.message]).toEqual(['ABORTED', 'product not found']);

    for (const gid of [noUser, noProduct]) {
      expect(await statusesByGid(gid)).toEqual([]);
      expect(await barrierRowsOf(gid)).toEqual([]);
      // DTM compensates the failed step too: a null compensation.
      await sagaCompensate(gid);
      expect(await statusesByGid(gid)).toEqual([]);
    }
  });

  it('answers a retryable UNAVAILABLE when user-rpc or product-rpc fails, and succeeds when retried', async () => {
    const { neighbours } = harness;
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const gid = newGid();
    for (const method of ['userInfo', 'detail'] as const) {
      neighbours.failing[method] = new AppError('UNAVAILABLE', `${method} is down`);
      try {
        expect((await appErrorOf(sagaAction(gid, orderRequest(uid, pid)))).code).toBe('UNAVAILABLE');
      } finally {
        neighbours.failing[method] = undefined;
      }
      expect(await barrierRowsOf(gid)).toEqual([]);
    }
    const { id } = await sagaAction(gid, orderRequest(uid, pid));
    expect(await statusOf(id)).toBe(0);
  });

  it('fails malformed input, an amount beyond the column and a contradicting Gid (ABORTED), recording nothing', async () => {
    const uid = givenUser();
    const pid = givenProduct(1n, 10n);
    const valid = orderRequest(uid, pid);
    const cases = [{ Uid: 0n }, { Pid: -1n }, { Num: 1001n }, { Num: -1n }, { Gid: 'another-saga' }];
    for (const change of cases) {
      const gid = newGid();
      expect((await appErrorOf(sagaAction(gid, { ...valid, ...change }))).code).toBe('ABORTED');
      expect(await barrierRowsOf(gid)).toEqual([]);
    }
    const contradicting = await appErrorOf(sagaAction(newGid(), { ...valid, Gid: 'another-saga' }));
    expect(contradicting.message).toBe("Gid must be empty or the calling saga's gid");
    const tooLong = await appErrorOf(sagaAction('g'.repeat(129), valid));
    expect([tooLong.code, tooLong.message]).toEqual(['ABORTED', 'Gid must be at most 128 characters']);

    const gid = newGid();
    const expensive = givenProduct(3_000_000_000n, 10n);
    const amount = await appErrorOf(sagaAction(gid, orderRequest(uid, expensive, 2n)));
    expect(amount.code).toBe('ABORTED');
    expect(await statusesByGid(gid)).toEqual([]);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toEqual([]);
  });

  it('fails a call without the DTM metadata (ABORTED)', async () => {
    const request = orderRequest(givenUser(), givenProduct(10n, 10n));
    const none = await appErrorOf(dtm.create(request));
    expect([none.code, none.message]).toEqual([
      'ABORTED',
      'invalid trans info: missing dtm-trans_type, dtm-gid, dtm-branch_id, dtm-op',
    ]);
    const partial = new Metadata();
    partial.set('dtm-gid', newGid());
    expect((await appErrorOf(dtm.create(request, partial))).code).toBe('ABORTED');
    expect((await gateway.list({ uid: request.Uid, Page: 0n, PageSize: 0n })).data).toEqual([]);
  });

  it('takes an order already keyed by the gid as its own when it is the same purchase', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const gid = newGid();
    const { id } = await sagaAction(gid, orderRequest(uid, pid, 2n));
    // As if the barrier rows had been lost (e.g. the barrier table was cleaned up).
    await harness.pool.query('DELETE FROM barrier WHERE gid = ?', [gid]);
    expect(await sagaAction(gid, orderRequest(uid, pid, 2n))).toEqual({ id });
    expect(await barrierRowsOf(gid)).toEqual([barrierRow('action')]);

    await harness.pool.query('DELETE FROM barrier WHERE gid = ?', [gid]);
    const other = await appErrorOf(sagaAction(gid, orderRequest(uid, pid, 3n)));
    expect([other.code, other.message]).toEqual(['ABORTED', 'an order for another purchase has this Gid']);
    expect(await barrierRowsOf(gid)).toEqual([]);
    expect(await gateway.detail({ id, Uid: uid, Gid: '' })).toMatchObject({ Num: 2n, Status: 0n });
  });

  it('refuses a gid whose order was cancelled, once its barrier rows are gone', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const gid = newGid();
    const { id } = await sagaAction(gid, orderRequest(uid, pid, 2n));
    await harness.pool.query('UPDATE `order` SET status = 9 WHERE id = ?', [id]);
    // As after the janitors: DTM forgot the saga, the barrier rows are deleted, and the client repeats its key.
    await harness.pool.query('DELETE FROM barrier WHERE gid = ?', [gid]);
    const again = await appErrorOf(sagaAction(gid, orderRequest(uid, pid, 2n)));
    expect([again.code, again.message]).toEqual(['ABORTED', 'the order of this Gid was cancelled']);
    expect(await barrierRowsOf(gid)).toEqual([]);
    expect(await gateway.detail({ id, Uid: uid, Gid: '' })).toMatchObject({ Num: 2n, Status: 9n });
  });
});

describe('order-rpc CreateRevert, the compensation', () => {
  it("cancels its saga's order only, even when the user ordered again since (bug 8)", async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const undone = newGid();
    const reverted = await givenOrder(uid, pid, 1n, undone);
    const newerGid = newGid();
    const newer = await givenOrder(uid, pid, 1n, newerGid);

    // The payload is ignored: the saga's gid comes from DTM's metadata.
    await sagaCompensate(undone, orderRequest(uid, pid, 1n, newerGid));
    await sagaCompensate(undone);

    expect(await statusOf(reverted)).toBe(9);
    expect(await statusOf(newer)).toBe(0);
    expect(await barrierRowsOf(undone)).toEqual([barrierRow('action'), barrierRow('compensate')]);
    // The stock comes back through product-rpc's own compensation, not this one.
    expect(stockOf(pid)).toBe(8n);
  });

  it('runs before its action as a null compensation, and the late action then records nothing', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const gid = newGid();
    await sagaCompensate(gid, orderRequest(uid, pid));
    expect(await statusesByGid(gid)).toEqual([]);
    expect(await barrierRowsOf(gid)).toEqual([barrierRow('action', 'compensate'), barrierRow('compensate')]);

    expect(await sagaAction(gid, orderRequest(uid, pid))).toEqual({ id: 0n });
    expect(await statusesByGid(gid)).toEqual([]);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toEqual([]);
  });

  it('succeeds, changing nothing, when its order was paid or cancelled already', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const paidGid = newGid();
    const paid = await givenOrder(uid, pid, 1n, paidGid);
    await payRpc.paid({ id: paid });
    const cancelledGid = newGid();
    const cancelled = await givenOrder(uid, pid, 1n, cancelledGid);
    await gateway.update({ id: cancelled, Uid: uid, Status: 9n });

    await sagaCompensate(paidGid);
    await sagaCompensate(cancelledGid);
    expect(await statusOf(paid)).toBe(1);
    expect(await statusOf(cancelled)).toBe(9);
  });

  it('fails a call without the DTM metadata (ABORTED)', async () => {
    const error = await appErrorOf(dtm.createRevert(orderRequest(1n, 1n, 1n, newGid())));
    expect(error.code).toBe('ABORTED');
  });
});
