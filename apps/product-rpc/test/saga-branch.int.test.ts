import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { branchMetadata, newGid, startHarness, type BarrierRow, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('product_saga');
});

afterAll(async () => {
  await harness?.stop();
});

/** The barrier row DTM's schema expects for branch 02 of saga `gid`. */
const row = (gid: string, op: string, reason: string): BarrierRow => ({
  trans_type: 'saga',
  gid,
  branch_id: '02',
  op,
  barrier_id: '01',
  reason,
});

describe('product-rpc DecrStock / DecrStockRevert as saga branches behind the barrier', () => {
  it('takes num units in the action, writing one barrier row, and the compensation gives exactly num back', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();

    await expect(harness.action({ id, num: 4n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(6);
    expect(await harness.barrierRows(gid)).toEqual([row(gid, 'action', 'action')]);

    await expect(harness.compensate({ id, num: 4n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(10);
    expect(await harness.barrierRows(gid)).toEqual([
      row(gid, 'action', 'action'),
      row(gid, 'compensate', 'compensate'),
    ]);
  });

  it('takes stock once when DTM delivers the same action twice, and answers the repeat with success', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await harness.action({ id, num: 3n }, gid);
    await expect(harness.action({ id, num: 3n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(7);
    expect(await harness.barrierRows(gid)).toHaveLength(1);
  });

  it('gives stock back once when DTM delivers the same compensation twice', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();
    await harness.action({ id, num: 3n }, gid);
    await harness.compensate({ id, num: 3n }, gid);
    await expect(harness.compensate({ id, num: 3n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(10);
    expect(await harness.barrierRows(gid)).toHaveLength(2);
  });

  it('skips a compensation that arrives before its action (null compensation), and then the late action', async () => {
    const id = await harness.product({ Stock: 10n });
    const gid = newGid();

    await expect(harness.compensate({ id, num: 2n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(10);
    expect(await harness.barrierRows(gid)).toEqual([
      row(gid, 'action', 'compensate'),
      row(gid, 'compensate', 'compensate'),
    ]);

    await expect(harness.action({ id, num: 2n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(10);
    expect(await harness.barrierRows(gid)).toHaveLength(2);
  });

  it('answers ABORTED "insufficient stock", rolls its barrier row back, and so its compensation gives nothing', async () => {
    const id = await harness.product({ Stock: 2n });
    const gid = newGid();

    const error = await appErrorOf(harness.action({ id, num: 3n }, gid));
    expect([error.code, error.message]).toEqual(['ABORTED', 'insufficient stock']);
    expect((await harness.row(id))?.stock).toBe(2);
    expect(await harness.barrierRows(gid)).toEqual([]);

    await expect(harness.compensate({ id, num: 3n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(2);
    expect(await harness.barrierRows(gid)).toEqual([
      row(gid, 'action', 'compensate'),
      row(gid, 'compensate', 'compensate'),
    ]);
  });

  it('answers ABORTED "product not found" for an unknown and for a removed product, leaving no barrier row', async () => {
    const removed = await harness.product({ Stock: 5n, Uid: 8n });
    await harness.client.remove({ id: removed, Uid: 8n });
    for (const id of [987654321n, removed]) {
      const gid = newGid();
      const error = await appErrorOf(harness.action({ id, num: 1n }, gid));
      expect([error.code, error.message]).toEqual(['ABORTED', 'product not found']);
      expect(await harness.barrierRows(gid)).toEqual([]);
    }
    expect((await harness.row(removed))?.stock).toBe(5);
  });

  it('gives stock back to a product removed after its action took it', async () => {
    const id = await harness.product({ Stock: 5n, Uid: 8n });
    const gid = newGid();
    await harness.action({ id, num: 2n }, gid);
    await harness.client.remove({ id, Uid: 8n });
    await expect(harness.compensate({ id, num: 2n }, gid)).resolves.toEqual({});
    expect((await harness.row(id))?.stock).toBe(5);
  });

  it('refuses DecrStock without DTM metadata with ABORTED (invalid trans info) and takes nothing', async () => {
    const id = await harness.product({ Stock: 5n });
    expect(await appErrorOf(harness.dtm.decrStock({ id, num: 1n }))).toMatchObject({
      code: 'ABORTED',
      message: 'invalid trans info: missing dtm-trans_type, dtm-gid, dtm-branch_id, dtm-op',
    });
    const partial = branchMetadata(newGid(), 'action');
    partial.remove('dtm-op');
    expect(await appErrorOf(harness.dtm.decrStock({ id, num: 1n }, partial))).toMatchObject({
      code: 'ABORTED',
      message: 'invalid trans info: missing dtm-op',
    });
    expect((await harness.row(id))?.stock).toBe(5);
  });

  it('ends with the stock untouched whichever of a racing action and compensation commits first', async () => {
    const id = await harness.product({ Stock: 100n });
    const gids = Array.from({ length: 20 }, () => newGid());
    await Promise.all(
      gids.flatMap((gid) => [harness.action({ id, num: 1n }, gid), harness.compensate({ id, num: 1n }, gid)]),
    );
    expect((await harness.row(id))?.stock).toBe(100);
    for (const gid of gids) {
      expect((await harness.barrierRows(gid)).map(({ op }) => op).sort()).toEqual(['action', 'compensate']);
    }
  });
});
