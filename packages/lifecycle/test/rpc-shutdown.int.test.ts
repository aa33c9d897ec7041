// SIGTERM on an rpc app (product-rpc): it leaves etcd first, then takes no new call, finishes the
// call in flight, and exits 0. The call is kept in flight for real: the product row it updates is
// locked by the test until after the signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchMetadata } from '@mall/dtm-client';
import { waitFor } from '@mall/testing';
import { startLittleMall, type LittleMall } from './little-mall.js';

let mall: LittleMall;

beforeAll(async () => {
  mall = await startLittleMall('rpc_shutdown');
});

afterAll(() => mall?.stop());

describe('product-rpc on SIGTERM', () => {
  it('deregisters, refuses new calls, finishes the DecrStock in flight, then exits 0', async () => {
    // A grace period far beyond the test's own pace, so only a wrong shutdown order can fail the call.
    const app = await mall.start('product-rpc', { SHUTDOWN_GRACE_MS: '12000' });
    const target = `127.0.0.1:${app.port}`;
    await waitFor('product-rpc to register', async () => Object.keys(await mall.registered('product.rpc')).length > 0);
    const gateway = mall.productClient(target, 'gateway');
    const { id } = await gateway.create({ Name: 'lamp', Desc: '', Stock: 5n, Amount: 100n, Status: 1n, Uid: 1n });

    const lock = await mall.lockRows('SELECT stock FROM product WHERE id = ? FOR UPDATE', [id]);
    const dtm = mall.productClient(target, 'dtm', 30_000);
    const metadata = branchMetadata({ gid: 'lifecycle-sigterm', transType: 'saga', branchId: '02', op: 'action' });
    let settled = false;
    const inFlight = dtm.decrStock({ id, num: 2n }, metadata).finally(() => (settled = true));
    await waitFor('DecrStock to wait for the locked row', () => mall.lockWaiting());

    process.kill(app.pid, 'SIGTERM');
    await waitFor('the etcd key to go', async () => Object.keys(await mall.registered('product.rpc')).length === 0);
    expect(settled).toBe(false);

    // A caller that has not connected yet finds nobody listening.
    const late = mall.productClient(target, 'gateway', 5_000);
    const refused = await waitFor('new calls to be refused', () =>
      late.detail({ id }).then(
        () => false,
        (error: unknown) => error,
      ),
    );
    expect(refused).toMatchObject({ code: 'UNAVAILABLE' });
    expect(settled).toBe(false);

    await lock.release();
    await expect(inFlight).resolves.toEqual({});
    expect(await app.exited).toBe(0);
    expect(await mall.stockOf(id)).toBe(3);
  });
});
