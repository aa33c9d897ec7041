import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { orderRequest, startHarness, type Harness } from './harness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(() => harness?.stop());

describe('order-rpc Create while user-rpc and product-rpc are down', () => {
  it('answers UNAVAILABLE, which DTM retries, rather than failing the saga', async () => {
    const uid = harness.givenUser();
    const pid = harness.givenProduct(10n, 10n);
    await harness.neighbours.stop();
    const gid = harness.newGid();
    const error = await appErrorOf(harness.sagaAction(gid, orderRequest(uid, pid)));
    expect(error.code).toBe('UNAVAILABLE');
    expect(await harness.statusesByGid(gid)).toEqual([]);
    expect(await harness.barrierRowsOf(gid)).toEqual([]);
  });
});
