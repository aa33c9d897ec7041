import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayment } from '../src/middleware/payment-signature.js';
import { startGateway, type TestGateway } from './support/gateway.js';

const SECRET = 'provider-shared-secret-0123456789';
let gateway: TestGateway;
let callback: { id: number; uid: number; oid: number; amount: number; source: number; status: number };

beforeAll(async () => {
  gateway = await startGateway({ payCallbackSecret: SECRET });
  const token = await gateway.tokenFor(3);
  const json = async (path: string, body: unknown) =>
    ((await (await gateway.post(path, body, { token })).json()) as { id: number }).id;
  const pid = await json('/api/product/create', { name: 'pear', desc: '', stock: 5, amount: 500, status: 0 });
  const oid = await json('/api/order/create', { pid });
  const id = await json('/api/pay/create', { oid, amount: 500 });
  callback = { id, uid: 3, oid, amount: 500, source: 1, status: 1 };
});
afterAll(() => gateway.close());

describe('/api/pay/callback with PAY_CALLBACK_SECRET (bug 6: a provider signature, not a user token)', () => {
  it("accepts the provider's signature of the exact body, without a user token, and takes uid from the body", async () => {
    const raw = JSON.stringify(callback);
    const response = await gateway.post('/api/pay/callback', raw, {
      headers: { 'X-Pay-Signature': signPayment(SECRET, raw) },
    });
    expect(response.status).toBe(200);
    expect(gateway.fakes.lastCall('pay.callback')).toEqual({
      id: BigInt(callback.id),
      Uid: 3n,
      Oid: BigInt(callback.oid),
      Amount: 500n,
      Source: 1n,
      Status: 1n,
    });
  });

  it('refuses a missing, wrong or replayed-on-other-bytes signature with 401 and calls nothing', async () => {
    const before = gateway.fakes.calls.get('pay.callback')?.length ?? 0;
    const raw = JSON.stringify(callback);
    const forged = JSON.stringify({ ...callback, amount: 1 });
    const token = await gateway.tokenFor(3);
    const attempts: Record<string, string>[] = [
      {},
      { 'X-Pay-Signature': 'sha256=00' },
      { 'X-Pay-Signature': signPayment('some-other-secret-0123456', raw) },
      { Authorization: `Bearer ${token}` },
    ];
    for (const headers of attempts) {
      const response = await gateway.post('/api/pay/callback', raw, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'missing or invalid payment signature',
      });
    }
    const tampered = await gateway.post('/api/pay/callback', forged, {
      headers: { 'X-Pay-Signature': signPayment(SECRET, raw) },
    });
    expect(tampered.status).toBe(401);
    expect(gateway.fakes.calls.get('pay.callback')?.length ?? 0).toBe(before);
  });

  it('requires the body to name the user', async () => {
    const raw = JSON.stringify({ ...callback, uid: undefined });
    const response = await gateway.post('/api/pay/callback', raw, {
      headers: { 'X-Pay-Signature': signPayment(SECRET, raw) },
    });
    expect(response.status).toBe(400);
  });

  it('still requires a user token on the other pay routes', async () => {
    const response = await gateway.post('/api/pay/create', { oid: callback.oid, amount: 500 });
    expect(response.status).toBe(401);
  });
});
