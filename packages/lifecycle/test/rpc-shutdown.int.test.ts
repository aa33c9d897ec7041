// SIGTERM on an rpc app (product-rpc): it leaves etcd first, then takes no new call, finishes the
// call in flight, and exits 0. The call is kept in flight for real: the product row it updates is
// locked by the test until after the signal.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchMetadata } from '@mall/dtm-client';
import { waitFor } from '@mall/testing';
import { startLittleMall, type LittleMall } from './little-mall.js';

let mall: LittleMall;

beforeAll(async () => {
  mall = await startLittleMall('rpc_shutdown');
});

afterAll(() => mall?.stop());

/** A product-rpc with a product of stock 5, and a DecrStock(2) of it waiting behind a row lock. */
async function callInFlight(graceMs: number) {
  const app = await mall.start('product-rpc', { SHUTDOWN_GRACE_MS: String(graceMs) });
  const target = `127.0.0.1:${app.port}`;
  await waitFor('product-rpc to register', async () => Object.keys(await mall.registered('product.rpc')).length > 0);
  const { id } = await mall
    .productClient(target, 'gateway')
    .create({ Name: 'lamp', Desc: '', Stock: 5n, Amount: 100n, Status: 1n, Uid: 1n });

  const lock = await mall.lockRows('SELECT stock FROM product WHERE id = ? FOR UPDATE', [id]);
  const dtm = mall.productClient(target, 'dtm', 60_000);
  const metadata = branchMetadata({ gid: `lifecycle-${id}`, transType: 'saga', branchId: '02', op: 'action' });
  const call = { settled: false, done: dtm.decrStock({ id, num: 2n }, metadata) };
  void call.done.finally(() => (call.settled = true)).catch(() => undefined);
  await waitFor('DecrStock to wait for the locked row', () => mall.lockWaiting());
  return { app, target, id, lock, call };
}

describe('product-rpc on SIGTERM', () => {
  it('deregisters, refuses new calls, finishes the DecrStock in flight, then exits 0', async () => {
    // A grace period far beyond the test's own pace, so only a wrong shutdown order can fail the call.
    const { app, target, id, lock, call } = await callInFlight(30_000);

    process.kill(app.pid, 'SIGTERM');
    await waitFor('the etcd key to go', async () => Object.keys(await mall.registered('product.rpc')).length === 0);
    expect(call.settled).toBe(false);

    // A caller that has not connected yet finds nobody listening.
    const late = mall.productClient(target, 'gateway', 5_000);
    const refused = await waitFor('new calls to be refused', () =>
      late.detail({ id }).then(
        () => false,
        (error: unknown) => error,
      ),
    );
    expect(refused).toMatchObject({ code: 'UNAVAILABLE' });
    expect(call.settled).toBe(false);

    await lock.release();
    await expect(call.done).resolves.toEqual({});
    expect(await app.exited).toBe(0);
    expect(await mall.stockOf(id)).toBe(3);
  });

  it('waits for a call in flight as long as SHUTDOWN_GRACE_MS says, beyond the usual 15 s', async () => {
    const { app, id, lock, call } = await callInFlight(40_000);
    process.kill(app.pid, 'SIGTERM');
    await sleep(17_000);
    expect(call.settled).toBe(false);
    expect(() => process.kill(app.pid, 0)).not.toThrow();
    await lock.release();
    await expect(call.done).resolves.toEqual({});
    expect(await app.exited).toBe(0);
    expect(await mall.stockOf(id)).toBe(3);
  }, 90_000);
});
