import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
let alice: string;
let bob: string;
let oid: number;
let payId: number;

beforeAll(async () => {
  gateway = await startGateway();
  alice = await gateway.tokenFor(1);
  bob = await gateway.tokenFor(2);
  const product = { name: 'apple', desc: '', stock: 10, amount: 5, status: 0 };
  const pid = ((await (await gateway.post('/api/product/create', product, { token: alice })).json()) as { id: number })
    .id;
  oid = ((await (await gateway.post('/api/order/create', { pid }, { token: alice })).json()) as { id: number }).id;
});
afterAll(() => gateway.close());

describe('/api/pay', () => {
  it('creates for the token user and answers {id}', async () => {
    const response = await gateway.post('/api/pay/create', { uid: 1, oid, amount: 100 }, { token: alice });
    expect(response.status).toBe(200);
    payId = ((await response.json()) as { id: number }).id;
    expect(gateway.fakes.lastCall('pay.create')).toEqual({ Uid: 1n, Oid: BigInt(oid), Amount: 100n });
  });

  it('answers detail with the stored row as {id, uid, oid, amount, source, status}', async () => {
    const response = await gateway.post('/api/pay/detail', { id: payId }, { token: alice });
    expect(await response.json()).toEqual({ id: payId, uid: 1, oid, amount: 100, source: 0, status: 0 });
    expect(gateway.fakes.lastCall('pay.detail')).toEqual({ id: BigInt(payId), Uid: 1n });
  });

  it('takes the callback as the token user', async () => {
    const body = { id: payId, oid, amount: 100, source: 1, status: 1 };
    const response = await gateway.post('/api/pay/callback', body, { token: alice });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(gateway.fakes.lastCall('pay.callback')).toEqual({
      id: BigInt(payId),
      Uid: 1n,
      Oid: BigInt(oid),
      Amount: 100n,
      Source: 1n,
      Status: 1n,
    });
  });

  it('maps a business refusal from the service to 409', async () => {
    const body = { id: payId, oid, amount: 5, source: 1, status: 1 };
    const response = await gateway.post('/api/pay/callback', body, { token: alice });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      code: 'FAILED_PRECONDITION',
      message: 'amount does not match the payment',
    });
  });

  it("refuses another user's uid with 403 and hides another user's payment with 404", async () => {
    for (const [path, body] of [
      ['/api/pay/create', { uid: 1, oid, amount: 100 }],
      ['/api/pay/callback', { id: payId, uid: 1, oid, amount: 100, source: 1, status: 1 }],
    ] as const) {
      const response = await gateway.post(path, body, { token: bob });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        code: 'PERMISSION_DENIED',
        message: 'uid does not match the signed-in user',
      });
    }
    const detail = await gateway.post('/api/pay/detail', { id: payId }, { token: bob });
    expect(detail.status).toBe(404);
  });
});
