// DTM delivers branch calls at least once and in no guaranteed order: a compensation may overtake
// its action (hanging), a call may be repeated (a lost answer, a timeout, a recovering instance),
// several deliveries may run at once. Whatever the order, the stock changes at most once per saga.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchMetadata, newGid, startHarness, type BarrierRow, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('product_disorder');
});

afterAll(async () => {
  await harness?.stop();
});

const times = <T>(count: number, call: () => Promise<T>) => Promise.all(Array.from({ length: count }, call));

const stockOf = async (id: bigint) => (await harness.row(id))?.stock;

/** `op reason` of each barrier row of `gid`, in the order written. */
const barrierTrail = async (gid: string) =>
  (await harness.barrierRows(gid)).map(({ op, reason }: BarrierRow) => `${op} ${reason}`);

const NORMAL = ['action action', 'compensate compensate'];
const NULL_COMPENSATION = ['action compensate', 'compensate compensate'];

describe('product-rpc saga branches delivered out of order, repeated and concurrently', () => {
  it('a compensation before its action gives nothing back, and the late action then takes nothing', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();

    await harness.compensate({ id, num: 4n }, gid);
    expect(await stockOf(id)).toBe(10);
    expect(await barrierTrail(gid)).toEqual(NULL_COMPENSATION);

    await harness.action({ id, num: 4n }, gid);
    await times(5, () => harness.action({ id, num: 4n }, gid));
    expect(await stockOf(id)).toBe(10);
    expect(await barrierTrail(gid)).toEqual(NULL_COMPENSATION);
  });

  it('10 concurrent null compensations leave one barrier pair, and the late action takes nothing', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await times(10, () => harness.compensate({ id, num: 2n }, gid));
    await harness.action({ id, num: 2n }, gid);
    expect(await stockOf(id)).toBe(10);
    expect(await barrierTrail(gid)).toEqual(NULL_COMPENSATION);
  });

  it('10 concurrent compensations of a committed action give the stock back exactly once', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await harness.action({ id, num: 3n }, gid);
    expect(await stockOf(id)).toBe(7);

    await times(10, () => harness.compensate({ id, num: 3n }, gid));
    expect(await stockOf(id)).toBe(10);
    await harness.compensate({ id, num: 3n }, gid);
    expect(await stockOf(id)).toBe(10);
    expect(await barrierTrail(gid)).toEqual(NORMAL);
  });

  it('an action replayed after its success, one after another and 10 at once, takes the stock once', async () => {
    const id = await harness.product({ Stock: 10n });
    const sequential = newGid();
    for (let delivery = 0; delivery < 3; delivery++) await harness.action({ id, num: 2n }, sequential);
    expect(await stockOf(id)).toBe(8);
    expect(await barrierTrail(sequential)).toEqual(['action action']);

    const concurrent = newGid();
    await times(10, () => harness.action({ id, num: 2n }, concurrent));
    expect(await stockOf(id)).toBe(6);
    expect(await barrierTrail(concurrent)).toEqual(['action action']);
  });

  it('action, compensation, then the action replayed: nothing is taken in the end', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await harness.action({ id, num: 5n }, gid);
    await harness.compensate({ id, num: 5n }, gid);
    await harness.action({ id, num: 5n }, gid);
    await times(5, () => harness.action({ id, num: 5n }, gid));
    expect(await stockOf(id)).toBe(10);
    expect(await barrierTrail(gid)).toEqual(NORMAL);
  });

  it('5 actions and 5 compensations of one saga at once end with the stock untouched', async () => {
    const id = await harness.product({ Stock: 10n });
    const gids = Array.from({ length: 5 }, () => newGid());
    await Promise.all(
      gids
        .flatMap((gid) =>
          Array.from({ length: 5 }, () => [
            harness.action({ id, num: 1n }, gid),
            harness.compensate({ id, num: 1n }, gid),
          ]),
        )
        .flat(),
    );
    expect(await stockOf(id)).toBe(10);
    for (const gid of gids) {
      // Whichever committed first decides: a normal action and compensation, or a null compensation.
      expect([NORMAL, NULL_COMPENSATION]).toContainEqual(await barrierTrail(gid));
    }
  });

  it("a cancel of the saga's order racing the saga's own compensation gives the stock back once", async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await harness.action({ id, num: 3n }, gid);
    // order-rpc, cancelling the order, gives the stock back as this same compensation (see its stock-compensation.ts).
    const cancel = () => harness.orderRpc.decrStockRevert({ id, num: 3n }, branchMetadata(gid, 'compensate'));
    await Promise.all([
      ...Array.from({ length: 5 }, cancel),
      ...Array.from({ length: 5 }, () => harness.compensate({ id, num: 3n }, gid)),
    ]);
    expect(await stockOf(id)).toBe(10);
    expect(await barrierTrail(gid)).toEqual(NORMAL);
  });
});
