// DTM delivers branch calls at least once and in no guaranteed order: a compensation may overtake
// its action (hanging), a call may be repeated (a lost answer, a timeout, a recovering instance),
// several deliveries may run at once. Whatever the order, a saga leaves at most one order, and a
// compensated saga leaves none unpaid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest, startHarness, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(() => harness?.stop());

const times = <T>(count: number, call: () => Promise<T>) => Promise.all(Array.from({ length: count }, call));

/** `op reason` of each barrier row of `gid`, in the order written. */
const barrierTrail = async (gid: string) =>
  (await harness.barrierRowsOf(gid)).map(({ op, reason }) => `${op} ${reason}`);

const NORMAL = ['action action', 'compensate compensate'];
const NULL_COMPENSATION = ['action compensate', 'compensate compensate'];

/** A user, a product, a fresh gid and the saga's CreateRequest for them. */
function given() {
  const uid = harness.givenUser();
  const pid = harness.givenProduct(100n, 10n);
  return { uid, gid: harness.newGid(), request: orderRequest(uid, pid, 2n) };
}

describe('order-rpc saga branches delivered out of order, repeated and concurrently', () => {
  it('a compensation before its action records nothing, and late actions, also concurrent, then record nothing', async () => {
    const { uid, gid, request } = given();
    await harness.sagaCompensate(gid, request);
    expect(await harness.statusesByGid(gid)).toEqual([]);
    expect(await barrierTrail(gid)).toEqual(NULL_COMPENSATION);

    expect(await harness.sagaAction(gid, request)).toEqual({ id: 0n });
    expect(await times(5, () => harness.sagaAction(gid, request))).toEqual(Array(5).fill({ id: 0n }));
    expect(await harness.statusesByGid(gid)).toEqual([]);
    expect(await barrierTrail(gid)).toEqual(NULL_COMPENSATION);
    expect((await harness.gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toEqual([]);
  });

  it('10 concurrent null compensations leave one barrier pair, and the late action records nothing', async () => {
    const { gid, request } = given();
    await times(10, () => harness.sagaCompensate(gid, request));
    expect(await harness.sagaAction(gid, request)).toEqual({ id: 0n });
    expect(await harness.statusesByGid(gid)).toEqual([]);
    expect(await barrierTrail(gid)).toEqual(NULL_COMPENSATION);
  });

  it('10 concurrent compensations of a created order cancel it once', async () => {
    const { gid, request } = given();
    const { id } = await harness.sagaAction(gid, request);
    await times(10, () => harness.sagaCompensate(gid, request));
    expect(await harness.statusOf(id)).toBe(9);
    expect(await harness.statusesByGid(gid)).toEqual([9]);
    expect(await barrierTrail(gid)).toEqual(NORMAL);
  });

  it('an action replayed after its success, one after another and 10 at once, records one order', async () => {
    const { uid, gid, request } = given();
    const { id } = await harness.sagaAction(gid, request);
    for (let delivery = 0; delivery < 3; delivery++) expect(await harness.sagaAction(gid, request)).toEqual({ id });
    expect(await times(10, () => harness.sagaAction(gid, request))).toEqual(Array(10).fill({ id }));
    expect(await harness.statusesByGid(gid)).toEqual([0]);
    expect(await barrierTrail(gid)).toEqual(['action action']);
    expect((await harness.gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toHaveLength(1);
  });

  it('action, compensation, then the action replayed: the one order stays cancelled', async () => {
    const { uid, gid, request } = given();
    const { id } = await harness.sagaAction(gid, request);
    await harness.sagaCompensate(gid, request);
    await harness.sagaAction(gid, request);
    await times(5, () => harness.sagaAction(gid, request));
    expect(await harness.statusOf(id)).toBe(9);
    expect(await harness.statusesByGid(gid)).toEqual([9]);
    expect(await barrierTrail(gid)).toEqual(NORMAL);
    expect((await harness.gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toHaveLength(1);
  });

  it('5 actions and 5 compensations of one saga at once leave no unpaid order', async () => {
    const sagas = Array.from({ length: 5 }, given);
    await Promise.all(
      sagas.flatMap(({ gid, request }) =>
        Array.from({ length: 5 }, () => [
          harness.sagaAction(gid, request),
          harness.sagaCompensate(gid, request),
        ]).flat(),
      ),
    );
    for (const { gid } of sagas) {
      // Whichever committed first decides: an order created then cancelled, or none at all.
      const trail = await barrierTrail(gid);
      expect([NORMAL, NULL_COMPENSATION]).toContainEqual(trail);
      expect(await harness.statusesByGid(gid)).toEqual(trail[0] === 'action action' ? [9] : []);
    }
  });
});
