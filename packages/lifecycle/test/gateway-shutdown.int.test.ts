// SIGTERM on the gateway: it stops accepting connections at once, answers the request in flight,
// and exits 0. The request is kept in flight for real: the product row its update needs is locked
// by the test until after the signal.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@mall/testing';
import { startLittleMall, type LittleMall } from './little-mall.js';

let mall: LittleMall;

beforeAll(async () => {
  mall = await startLittleMall('gateway_shutdown');
});

afterAll(() => mall?.stop());

/** A token as the gateway signs them (HS256, `{uid, iat, exp}`), made with the run's secret. */
function tokenFor(uid: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ uid, iat: now, exp: now + 600 })}`;
  return `${unsigned}.${createHmac('sha256', mall.secrets.JWT_SECRET).update(unsigned).digest('base64url')}`;
}

describe('the gateway on SIGTERM', () => {
  it('refuses new connections, answers the request in flight, then exits 0', async () => {
    const product = await mall.start('product-rpc');
    const gateway = await mall.start('gateway', { SHUTDOWN_GRACE_MS: '30000' });
    const url = `http://127.0.0.1:${gateway.port}`;
    const rpc = mall.productClient(`127.0.0.1:${product.port}`, 'gateway');
    const { id } = await rpc.create({ Name: 'desk', Desc: '', Stock: 2n, Amount: 500n, Status: 1n, Uid: 7n });

    const lock = await mall.lockRows('SELECT id FROM product WHERE id = ? FOR UPDATE', [id]);
    let settled = false;
    const inFlight = fetch(`${url}/api/product/update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `bearer ${tokenFor(7)}` },
      body: JSON.stringify({ id: Number(id), name: 'standing desk' }),
    }).finally(() => (settled = true));
    await waitFor('the update to wait for the locked row', () => mall.lockWaiting());

    process.kill(gateway.pid, 'SIGTERM');
    // A connection accepted just before the listener closed is dropped instead; later ones are refused.
    const refused = await waitFor('new connections to be refused', () =>
      fetch(`${url}/healthz`).then(
        () => false,
        (error: Error) => (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED',
      ),
    );
    expect(refused).toBe(true);
    expect(settled).toBe(false);

    await lock.release();
    const reply = await inFlight;
    expect([reply.status, await reply.json()]).toEqual([200, {}]);
    expect(await gateway.exited).toBe(0);
    expect(await rpc.detail({ id })).toMatchObject({ Name: 'standing desk' });
  });
});
