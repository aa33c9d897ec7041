import { describe, expect, it } from 'vitest';
import { query } from './db.js';
import {
  createProduct,
  expectError,
  orderDetail,
  placeOrder,
  post,
  productDetail,
  signUp,
  signUpMany,
  type OrderView,
} from './http.js';

describe('orders', () => {
  it('prices an order from the product, not from the client (bug 5), and takes the stock', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 10, amount: 5 });
    const reply = await post<{ id: number }>(
      '/api/order/create',
      { uid: user.id, pid, amount: 1, status: 1, num: 3 },
      user.token,
    );
    expect(reply.status, reply.text).toBe(200);
    expect(await orderDetail(user, reply.body.id)).toEqual({
      id: reply.body.id,
      uid: user.id,
      pid,
      amount: 15,
      status: 0,
      num: 3,
      gid: expect.stringMatching(new RegExp(`^order-${user.id}-`)),
    });
    expect((await productDetail(user, pid)).stock).toBe(7);
  });

  it('lets the last unit be sold and then refuses with 409 (bug 1: stock reaches 0)', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 1 });
    await placeOrder(user, pid);
    expect((await productDetail(user, pid)).stock).toBe(0);
    expectError(await post('/api/order/create', { pid }, user.token), 409);
    expect((await productDetail(user, pid)).stock).toBe(0);
    // The refused order's saga recorded it, then cancelled it when the stock step failed.
    const rows = await query<{ status: number }>('SELECT status FROM `order` WHERE pid = ? ORDER BY id', [pid]);
    expect(rows.map((row) => Number(row.status))).toEqual([0, 9]);
  });

  it('never oversells under concurrent orders (bug 2)', async () => {
    const seller = await signUp();
    const buyers = await signUpMany(4);
    const pid = await createProduct(seller, { stock: 10 });
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post('/api/order/create', { pid }, buyers[i % buyers.length]!.token)),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(10);
    for (const reply of replies.filter((r) => r.status !== 200)) expectError(reply, 409);
    expect((await productDetail(seller, pid)).stock).toBe(0);
    const [count] = await query<{ n: number }>('SELECT COUNT(*) AS n FROM `order` WHERE pid = ? AND status = 0', [pid]);
    expect(Number(count?.n)).toBe(10);
  });

  it('takes identity from the token only (bug 4): a different body uid is 403 and nothing is stored', async () => {
    const user = await signUp();
    const victim = await signUp();
    const pid = await createProduct(user, { stock: 5 });
    expectError(await post('/api/order/create', { uid: victim.id, pid }, user.token), 403, 'PERMISSION_DENIED');
    expectError(await post('/api/order/list', { uid: victim.id }, user.token), 403, 'PERMISSION_DENIED');
    expect((await productDetail(user, pid)).stock).toBe(5);
    const rows = await query('SELECT id FROM `order` WHERE uid = ?', [victim.id]);
    expect(rows).toHaveLength(0);
  });

  it("hides other users' orders: detail, update and remove answer 404 and change nothing", async () => {
    const owner = await signUp();
    const intruder = await signUp();
    const pid = await createProduct(owner, { stock: 5 });
    const id = await placeOrder(owner, pid);
    expectError(await post('/api/order/detail', { id }, intruder.token), 404, 'NOT_FOUND');
    expectError(await post('/api/order/update', { id, status: 9 }, intruder.token), 404, 'NOT_FOUND');
    expectError(await post('/api/order/remove', { id }, intruder.token), 404, 'NOT_FOUND');
    expect(await orderDetail(owner, id)).toMatchObject({ id, status: 0 });
  });

  it("lists only the caller's orders, newest first, as a bare JSON array", async () => {
    const user = await signUp();
    const other = await signUp();
    const empty = await post('/api/order/list', {}, user.token);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual([]);
    const pid = await createProduct(user, { stock: 5 });
    const first = await placeOrder(user, pid);
    const second = await placeOrder(user, pid);
    await placeOrder(other, pid);
    const list = await post<OrderView[]>('/api/order/list', { uid: user.id }, user.token);
    expect(list.status).toBe(200);
    expect(list.body.map((order) => order.id)).toEqual([second, first]);
    expect(list.body[0]).toEqual({
      id: second,
      uid: user.id,
      pid,
      amount: 5,
      status: 0,
      num: 1,
      gid: expect.any(String),
    });
    const paged = await post<OrderView[]>('/api/order/list', { page: 2, pageSize: 1 }, user.token);
    expect(paged.body.map((order) => order.id)).toEqual([first]);
  });

  it('cancels an unpaid order through update, gives the stock back, and refuses illegal changes', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 5, amount: 5 });
    const id = await placeOrder(user, pid, 2);
    expect((await productDetail(user, pid)).stock).toBe(3);

    const same = await post('/api/order/update', { id, status: 0 }, user.token);
    expect(same.status, same.text).toBe(200);
    expectError(await post('/api/order/update', { id, amount: 1 }, user.token), 409, 'FAILED_PRECONDITION');
    expectError(await post('/api/order/update', { id, status: 1 }, user.token), 409, 'FAILED_PRECONDITION');
    expectError(await post('/api/order/update', { id, status: 5 }, user.token), 400, 'INVALID_ARGUMENT');
    expectError(await post('/api/order/remove', { id }, user.token), 409, 'FAILED_PRECONDITION');

    const cancelled = await post('/api/order/update', { id, status: 9 }, user.token);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(await orderDetail(user, id)).toMatchObject({ status: 9, amount: 10 });
    expect((await productDetail(user, pid)).stock).toBe(5);
    expectError(await post('/api/order/update', { id, status: 0 }, user.token), 409, 'FAILED_PRECONDITION');

    const removed = await post('/api/order/remove', { id }, user.token);
    expect(removed.status, removed.text).toBe(200);
    expectError(await post('/api/order/detail', { id }, user.token), 404, 'NOT_FOUND');
  });

  it('answers 409 for an unknown product (its saga rolls back) and 400 for malformed orders', async () => {
    const user = await signUp();
    expectError(await post('/api/order/create', { pid: 987654321 }, user.token), 409, 'ABORTED');
    for (const body of [
      {},
      { pid: '1' },
      { pid: 1, num: 0 },
      { pid: 1, num: 1.5 },
      { pid: -3 },
      { pid: 1, num: 100000 },
    ]) {
      expectError(await post('/api/order/create', body, user.token), 400, 'INVALID_ARGUMENT');
    }
  });
});
