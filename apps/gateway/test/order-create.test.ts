import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import type { PlaceOrder } from '../src/orders/order-saga.js';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
let faulty: TestGateway;
let alice: string;
let bob: string;

const productIn = async (target: TestGateway, token: string, stock: number) => {
  const created = await target.post(
    '/api/product/create',
    { name: 'pear', desc: '', stock, amount: 7, status: 0 },
    { token },
  );
  return ((await created.json()) as { id: number }).id;
};

const lastPlacement = (target: TestGateway) => target.fakes.lastCall('saga.place') as PlaceOrder;

beforeAll(async () => {
  gateway = await startGateway();
  faulty = await startGateway({ faultInjection: true });
  alice = await gateway.tokenFor(1);
  bob = await gateway.tokenFor(2);
});
afterAll(async () => {
  await gateway.close();
  await faulty.close();
});

describe('POST /api/order/create runs the order saga', () => {
  it('waits for the outcome and answers 200 with the order the saga created', async () => {
    const pid = await productIn(gateway, alice, 5);
    const response = await gateway.post('/api/order/create', { pid, num: 2 }, { token: alice });
    expect(response.status).toBe(200);
    const order = (await response.json()) as Record<string, unknown>;
    const { gid } = lastPlacement(gateway);
    expect(gid).toMatch(/^order-1-[\w-]{22}$/);
    expect(order).toEqual({ id: expect.any(Number), uid: 1, pid, amount: 14, status: 0, num: 2, gid });
    expect(lastPlacement(gateway)).toMatchObject({
      wait: true,
      fault: undefined,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it('answers 409 with the reason when the saga rolled back', async () => {
    const pid = await productIn(gateway, alice, 1);
    const response = await gateway.post('/api/order/create', { pid, num: 2 }, { token: alice });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ code: 'ABORTED', message: 'insufficient stock' });
    expect(response.headers.get('x-order-gid')).toBe(lastPlacement(gateway).gid);
  });

  it('answers 202 with the gid at once for Prefer: respond-async, and the order is then readable by gid', async () => {
    const pid = await productIn(gateway, alice, 5);
    const response = await gateway.post(
      '/api/order/create',
      { pid },
      { token: alice, headers: { Prefer: 'wait=5, respond-async' } },
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('preference-applied')).toBe('respond-async');
    const { gid } = (await response.json()) as { gid: string };
    expect(lastPlacement(gateway)).toMatchObject({ gid, wait: false });
    const detail = await gateway.post('/api/order/detail', { gid }, { token: alice });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ gid, pid, status: 0 });
    const stranger = await gateway.post('/api/order/detail', { gid }, { token: bob });
    expect(stranger.status).toBe(404);
  });

  it('answers 202 with the gid when DTM is still retrying a branch', async () => {
    const pid = await productIn(gateway, alice, 5);
    gateway.fakes.nextPlacement = { kind: 'unfinished' };
    const response = await gateway.post('/api/order/create', { pid }, { token: alice });
    expect(response.status).toBe(202);
    expect(response.headers.get('preference-applied')).toBeNull();
    expect(await response.json()).toEqual({ gid: lastPlacement(gateway).gid });
  });

  it('answers 503 without details when DTM cannot be reached', async () => {
    const pid = await productIn(gateway, alice, 5);
    gateway.fakes.nextPlacement = new AppError('UNAVAILABLE', 'DTM etcd://127.0.0.1:2379/dtmservice: no instances');
    const response = await gateway.post('/api/order/create', { pid }, { token: alice });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ code: 'UNAVAILABLE', message: 'service unavailable, try again' });
  });
});

describe('Idempotency-Key', () => {
  it('names the same saga when the request is repeated, so one order comes of it', async () => {
    const pid = await productIn(gateway, alice, 5);
    const send = () =>
      gateway.post(
        '/api/order/create',
        { pid, num: 2 },
        { token: alice, headers: { 'Idempotency-Key': 'checkout-42' } },
      );
    const first = await (await send()).json();
    const second = await send();
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(first);
    const list = (await (await gateway.post('/api/order/list', {}, { token: alice })).json()) as { pid: number }[];
    expect(list.filter((order) => order.pid === pid)).toHaveLength(1);
  });

  it("keeps two users' equal keys apart", async () => {
    const pid = await productIn(gateway, alice, 5);
    const headers = { 'Idempotency-Key': 'same-key' };
    await gateway.post('/api/order/create', { pid }, { token: alice, headers });
    const aliceGid = lastPlacement(gateway).gid;
    await gateway.post('/api/order/create', { pid }, { token: bob, headers });
    expect(lastPlacement(gateway).gid).not.toBe(aliceGid);
  });

  it('refuses a key reused for a different order', async () => {
    const pid = await productIn(gateway, alice, 5);
    const headers = { 'Idempotency-Key': 'reused' };
    expect((await gateway.post('/api/order/create', { pid, num: 1 }, { token: alice, headers })).status).toBe(200);
    const reused = await gateway.post('/api/order/create', { pid, num: 3 }, { token: alice, headers });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'Idempotency-Key: already used for a different order',
    });
  });

  it('refuses a malformed key before starting anything', async () => {
    const before = gateway.fakes.calls.get('saga.place')?.length;
    const response = await gateway.post(
      '/api/order/create',
      { pid: 1 },
      { token: alice, headers: { 'Idempotency-Key': 'x'.repeat(129) } },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Idempotency-Key: /);
    expect(gateway.fakes.calls.get('saga.place')?.length).toBe(before);
  });
});

describe('X-Mall-Fault', () => {
  it('is ignored unless FAULT_INJECTION is on', async () => {
    const pid = await productIn(gateway, alice, 5);
    const headers = { 'X-Mall-Fault': 'decr-stock-after-commit' };
    expect((await gateway.post('/api/order/create', { pid }, { token: alice, headers })).status).toBe(200);
    expect(lastPlacement(gateway).fault).toBeUndefined();
  });

  it('is passed on to the saga when FAULT_INJECTION is on, and an unknown fault is refused', async () => {
    const token = await faulty.tokenFor(1);
    const pid = await productIn(faulty, token, 5);
    await faulty.post('/api/order/create', { pid }, { token, headers: { 'X-Mall-Fault': 'decr-stock-after-commit' } });
    expect(lastPlacement(faulty).fault).toBe('decr-stock-after-commit');
    const unknown = await faulty.post('/api/order/create', { pid }, { token, headers: { 'X-Mall-Fault': 'explode' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'x-mall-fault: unknown fault "explode"',
    });
  });
});

describe('POST /api/order/detail', () => {
  it('takes an id or a gid, not both and not neither', async () => {
    for (const body of [{}, { id: 1, gid: 'order-1-x' }]) {
      const response = await gateway.post('/api/order/detail', body, { token: alice });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 'INVALID_ARGUMENT', message: 'body: give either id or gid' });
    }
    const bad = await gateway.post('/api/order/detail', { gid: 'a b' }, { token: alice });
    expect(bad.status).toBe(400);
  });
});
