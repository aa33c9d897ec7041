import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { AppError, REQUEST_ID } from '@mall/rpc';
import { orderRequest, sagaMetadata, startHarness, type Harness } from './harness.js';

let harness: Harness;
let neighbours: Harness['neighbours'];
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
  ({ neighbours, gateway, payRpc, dtm, givenUser, givenProduct, stockOf, givenOrder, statusOf } = harness);
});

afterAll(() => harness?.stop());

describe('order-rpc Update', () => {
  it('cancels an unpaid order once and gives its stock back once', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const id = await givenOrder(uid, pid, 2n);
    expect(stockOf(pid)).toBe(8n);

    await gateway.update({ id, Uid: uid, Status: 9n });
    await gateway.update({ id, Uid: uid, Status: 9n });
    expect(await statusOf(id)).toBe(9);
    expect(stockOf(pid)).toBe(10n);

    const reopen = await appErrorOf(gateway.update({ id, Uid: uid, Status: 0n }));
    expect([reopen.code, reopen.message]).toEqual(['FAILED_PRECONDITION', 'a cancelled order cannot be reopened']);
  });

  it("gives the stock back as its saga's stock compensation, so the barrier counts it once", async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const id = await givenOrder(uid, pid, 1n, 'saga-to-cancel');
    await gateway.update({ id, Uid: uid, Status: 9n });
    expect(neighbours.revertBarrierKeys.at(-1)).toEqual({
      'dtm-gid': 'saga-to-cancel',
      'dtm-trans_type': 'saga',
      'dtm-branch_id': '02',
      'dtm-op': 'compensate',
    });
  });

  it('keeps product and amount fixed, and treats Status 0 as a value (bug 3)', async () => {
    const uid = givenUser();
    const pid = givenProduct(40n, 10n);
    const id = await givenOrder(uid, pid);

    await gateway.update({ id, Uid: uid, Pid: pid, Amount: 40n, Status: 0n });
    expect(await statusOf(id)).toBe(0);
    for (const change of [{ Pid: pid + 1n }, { Amount: 41n }, { Amount: 0n }]) {
      const error = await appErrorOf(gateway.update({ id, Uid: uid, ...change }));
      expect([error.code, error.message]).toEqual([
        'FAILED_PRECONDITION',
        "an order's product and amount are fixed; cancel it and order again",
      ]);
    }
    const pay = await appErrorOf(gateway.update({ id, Uid: uid, Status: 1n }));
    expect([pay.code, pay.message]).toEqual(['FAILED_PRECONDITION', 'an order becomes paid only through its payment']);
    expect((await appErrorOf(gateway.update({ id, Uid: uid, Status: 5n }))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(gateway.update({ id, Uid: givenUser(), Status: 9n }))).code).toBe('NOT_FOUND');
    expect(await gateway.detail({ id, Uid: uid, Gid: '' })).toMatchObject({ Pid: pid, Amount: 40n, Status: 0n });
    expect(stockOf(pid)).toBe(9n);
  });

  it('leaves the order unpaid when product-rpc cannot be reached to give its stock back', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const id = await givenOrder(uid, pid);
    neighbours.revertFailure = new AppError('UNAVAILABLE', 'product-rpc is down');
    try {
      expect((await appErrorOf(gateway.update({ id, Uid: uid, Status: 9n }))).code).toBe('UNAVAILABLE');
      expect(await statusOf(id)).toBe(0);
      expect(stockOf(pid)).toBe(9n);
    } finally {
      neighbours.revertFailure = undefined;
    }
    await gateway.update({ id, Uid: uid, Status: 9n });
    expect(await statusOf(id)).toBe(9);
    expect(stockOf(pid)).toBe(10n);
  });

  it('keeps the order cancelled when the give-back may have happened, so stock never comes back twice', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    for (const code of ['DEADLINE_EXCEEDED', 'INTERNAL'] as const) {
      const id = await givenOrder(uid, pid, 2n);
      neighbours.revertFailure = new AppError(code, 'answer lost after the commit');
      neighbours.revertApplies = true;
      try {
        expect((await appErrorOf(gateway.update({ id, Uid: uid, Status: 9n }))).code).toBe(code);
      } finally {
        neighbours.revertFailure = undefined;
        neighbours.revertApplies = false;
      }
      expect(await statusOf(id)).toBe(9);
      expect(stockOf(pid)).toBe(10n);

      await gateway.update({ id, Uid: uid, Status: 9n });
      expect(await statusOf(id)).toBe(9);
      expect(stockOf(pid)).toBe(10n);
    }
  });
});

describe('order-rpc Paid', () => {
  it('pays an unpaid order, accepts a replay, and freezes the order', async () => {
    const uid = givenUser();
    const id = await givenOrder(uid, givenProduct(10n, 10n));
    await payRpc.paid({ id });
    await payRpc.paid({ id });
    expect(await statusOf(id)).toBe(1);
    const cancel = await appErrorOf(gateway.update({ id, Uid: uid, Status: 9n }));
    expect([cancel.code, cancel.message]).toEqual(['FAILED_PRECONDITION', 'a paid order cannot be changed']);
  });

  it('never pays a cancelled or missing order (bug 6)', async () => {
    const uid = givenUser();
    const id = await givenOrder(uid, givenProduct(10n, 10n));
    await gateway.update({ id, Uid: uid, Status: 9n });
    const cancelled = await appErrorOf(payRpc.paid({ id }));
    expect([cancelled.code, cancelled.message]).toEqual(['FAILED_PRECONDITION', 'order is cancelled']);
    expect(await statusOf(id)).toBe(9);
    expect((await appErrorOf(payRpc.paid({ id: 987_654_321n }))).code).toBe('NOT_FOUND');
  });

  it('lets exactly one of a racing payment and cancellation win', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 100n);
    for (let round = 0; round < 10; round++) {
      const id = await givenOrder(uid, pid);
      const [cancel, pay] = await Promise.allSettled([
        gateway.update({ id, Uid: uid, Status: 9n }),
        payRpc.paid({ id }),
      ]);
      expect([cancel.status, pay.status].filter((status) => status === 'fulfilled')).toHaveLength(1);
      expect(await statusOf(id)).toBe(cancel.status === 'fulfilled' ? 9 : 1);
    }
    const paidOrders = (await gateway.list({ uid, Page: 0n, PageSize: 0n })).data.filter((o) => o.Status === 1n);
    expect(stockOf(pid)).toBe(100n - BigInt(paidOrders.length));
  });
});

describe('order-rpc access', () => {
  it('lets only pay-rpc call Paid and only dtm call Create and CreateRevert, changing nothing for others', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const gid = harness.newGid();
    const id = await givenOrder(uid, pid, 1n, gid);
    for (const [client, app] of [
      [gateway, 'gateway'],
      [dtm, 'dtm'],
    ] as const) {
      expect(await appErrorOf(client.paid({ id }))).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: `${app} may not call /order.Order/Paid`,
      });
    }
    const fresh = harness.newGid();
    for (const [client, app] of [
      [gateway, 'gateway'],
      [payRpc, 'pay-rpc'],
    ] as const) {
      expect(await appErrorOf(client.create(orderRequest(uid, pid), sagaMetadata(fresh, 'action')))).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: `${app} may not call /order.Order/Create`,
      });
      expect(
        await appErrorOf(client.createRevert(orderRequest(uid, pid), sagaMetadata(gid, 'compensate'))),
      ).toMatchObject({ code: 'PERMISSION_DENIED', message: `${app} may not call /order.Order/CreateRevert` });
    }
    expect(await statusOf(id)).toBe(0);
    expect(await harness.statusesByGid(fresh)).toEqual([]);
    expect(await harness.barrierRowsOf(fresh)).toEqual([]);
  });
});

describe('order-rpc outgoing calls', () => {
  it("pass on the served call's deadline and request id", async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const metadata = sagaMetadata(harness.newGid(), 'action');
    metadata.set(REQUEST_ID, 'req-inherited');
    const shortDtm = harness.dtmWithDeadline(3_000);
    try {
      const before = Date.now();
      await shortDtm.create(orderRequest(uid, pid), metadata);
      const inherited = neighbours.lastInherited;
      expect(inherited?.metadata).toEqual({ [REQUEST_ID]: 'req-inherited' });
      // order-rpc's own deadline for the call is 10 s; the caller's 3 s must win.
      expect(inherited?.deadline).toBeLessThan(before + 3_500);
    } finally {
      shortDtm.close();
    }
  });
});
