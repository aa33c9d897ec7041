import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

const MISMATCH = { code: 'PERMISSION_DENIED', message: 'uid does not match the signed-in user' };

let gateway: TestGateway;
let alice: string;
let bob: string;
let pid: number;

beforeAll(async () => {
  gateway = await startGateway();
  alice = await gateway.tokenFor(1);
  bob = await gateway.tokenFor(2);
  const created = await gateway.post(
    '/api/product/create',
    { name: 'apple', desc: '', stock: 10, amount: 5, status: 0 },
    { token: alice },
  );
  pid = ((await created.json()) as { id: number }).id;
});
afterAll(() => gateway.close());

const createOrder = async (token: string, body: object) => {
  const response = await gateway.post('/api/order/create', body, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: number }).id;
};

describe('/api/order', () => {
  it('lists an empty bare array before any order', async () => {
    const response = await gateway.post('/api/order/list', { uid: 1 }, { token: alice });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('[]');
  });

  it('creates for the token user, with num 1 by default and the client amount/status ignored', async () => {
    const id = await createOrder(alice, { uid: 1, pid, amount: 999, status: 3 });
    expect(gateway.fakes.lastCall('saga.place')).toMatchObject({ uid: 1n, pid: BigInt(pid), num: 1, wait: true });
    const detail = await gateway.post('/api/order/detail', { id }, { token: alice });
    const { gid } = gateway.fakes.lastCall('saga.place') as { gid: string };
    expect(await detail.json()).toEqual({ id, uid: 1, pid, amount: 5, status: 0, num: 1, gid });
  });

  it('takes the uid from the token when the body has none, and passes num', async () => {
    await createOrder(bob, { pid, num: 3 });
    expect(gateway.fakes.lastCall('saga.place')).toMatchObject({ uid: 2n, num: 3 });
  });

  it('refuses a body uid naming someone else with 403, before calling the service', async () => {
    const before = gateway.fakes.calls.get('saga.place')?.length;
    for (const [path, body] of [
      ['/api/order/create', { uid: 2, pid }],
      ['/api/order/update', { id: 1, uid: 2, status: 1 }],
      ['/api/order/list', { uid: 2 }],
    ] as const) {
      const response = await gateway.post(path, body, { token: alice });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(MISMATCH);
    }
    expect(gateway.fakes.calls.get('saga.place')?.length).toBe(before);
  });

  it("answers 404 for another user's order", async () => {
    const id = await createOrder(alice, { pid });
    for (const path of ['/api/order/detail', '/api/order/remove', '/api/order/update']) {
      const response = await gateway.post(path, { id, status: 1 }, { token: bob });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'order not found' });
    }
    expect(gateway.fakes.lastCall('order.detail')).toEqual({ id: BigInt(id), Uid: 2n, Gid: '' });
  });

  it('updates only the fields present, so status 0 can be set', async () => {
    const id = await createOrder(alice, { pid });
    await gateway.post('/api/order/update', { id, status: 1 }, { token: alice });
    const response = await gateway.post('/api/order/update', { id, uid: 1, status: 0 }, { token: alice });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const request = gateway.fakes.lastCall('order.update') as Record<string, unknown>;
    expect(request).toEqual({ id: BigInt(id), Uid: 1n, Status: 0n, Pid: undefined, Amount: undefined });
    const detail = await gateway.post('/api/order/detail', { id }, { token: alice });
    expect(await detail.json()).toMatchObject({ status: 0 });
  });

  it("lists only the token user's orders as a bare array, paged", async () => {
    const response = await gateway.post('/api/order/list', {}, { token: alice });
    const list = (await response.json()) as { uid: number }[];
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(3);
    for (const order of list)
      expect(Object.keys(order).sort()).toEqual(['amount', 'gid', 'id', 'num', 'pid', 'status', 'uid']);
    expect(list.every((order) => order.uid === 1)).toBe(true);
    expect(gateway.fakes.lastCall('order.list')).toEqual({ uid: 1n, Page: 0n, PageSize: 0n });

    const page = await gateway.post('/api/order/list', { uid: 1, page: 2, pageSize: 2 }, { token: alice });
    expect(await page.json()).toHaveLength(1);
    expect(gateway.fakes.lastCall('order.list')).toEqual({ uid: 1n, Page: 2n, PageSize: 2n });
  });

  it('removes as the token user', async () => {
    const id = await createOrder(alice, { pid });
    const response = await gateway.post('/api/order/remove', { id }, { token: alice });
    expect(await response.json()).toEqual({});
    expect(gateway.fakes.lastCall('order.remove')).toEqual({ id: BigInt(id), Uid: 1n });
    expect((await gateway.post('/api/order/detail', { id }, { token: alice })).status).toBe(404);
  });
});
