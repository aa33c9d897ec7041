import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '@mall/testing';
import { newGid, startHarness, type Harness } from './harness.js';

const FAULT = 'decr-stock-after-commit';
let enabled: Harness;
let disabled: Harness;

beforeAll(async () => {
  [enabled, disabled] = await Promise.all([
    startHarness('product_fault_on', { faultInjection: true }),
    startHarness('product_fault_off'),
  ]);
});

afterAll(async () => {
  await Promise.all([enabled?.stop(), disabled?.stop()]);
});

describe('product-rpc fault injection (x-mall-fault: decr-stock-after-commit)', () => {
  it('with FAULT_INJECTION on, commits the stock change and its barrier row, then answers ABORTED', async () => {
    const id = await enabled.product({ Stock: 10n });
    const gid = newGid();

    expect(await appErrorOf(enabled.action({ id, num: 3n }, gid, FAULT))).toMatchObject({
      code: 'ABORTED',
      message: 'injected fault: DecrStock failed after its commit',
    });
    expect((await enabled.row(id))?.stock).toBe(7);
    expect(await enabled.barrierRows(gid)).toMatchObject([{ op: 'action', reason: 'action' }]);

    await enabled.compensate({ id, num: 3n }, gid);
    expect((await enabled.row(id))?.stock).toBe(10);
  });

  it('with FAULT_INJECTION on, runs normally without the header or with an unknown fault', async () => {
    const id = await enabled.product({ Stock: 10n });
    await expect(enabled.action({ id, num: 1n })).resolves.toEqual({});
    await expect(enabled.action({ id, num: 1n }, newGid(), 'something-else')).resolves.toEqual({});
    expect((await enabled.row(id))?.stock).toBe(8);
  });

  it('with FAULT_INJECTION off, ignores the header and succeeds', async () => {
    const id = await disabled.product({ Stock: 10n });
    const gid = newGid();
    await expect(disabled.action({ id, num: 3n }, gid, FAULT)).resolves.toEqual({});
    expect((await disabled.row(id))?.stock).toBe(7);
    expect(await disabled.barrierRows(gid)).toMatchObject([{ op: 'action', reason: 'action' }]);
  });
});
