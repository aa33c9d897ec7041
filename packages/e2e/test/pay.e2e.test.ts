import { describe, expect, it } from 'vitest';
import { query } from './db.js';
import { createProduct, expectError, orderDetail, placeOrder, post, signUp, type TestUser } from './http.js';

async function unpaidOrder(user: TestUser, price = 5, num = 1) {
  const pid = await createProduct(user, { stock: 10, amount: price });
  const oid = await placeOrder(user, pid, num);
  return { pid, oid, amount: price * num };
}

async function createPay(user: TestUser, oid: number, amount: number): Promise<number> {
  const reply = await post<{ id: number }>('/api/pay/create', { oid, amount }, user.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id;
}

describe('payments', () => {
  it('pays an order: create, detail with the stored id (bug 17), callback marks both paid', async () => {
    const user = await signUp();
    const { oid, amount } = await unpaidOrder(user, 5, 2);
    const id = await createPay(user, oid, amount);
    const detail = await post('/api/pay/detail', { id }, user.token);
    expect(detail.status).toBe(200);
    expect(detail.body).toEqual({ id, uid: user.id, oid, amount: 10, source: 0, status: 0 });

    const callback = await post(
      '/api/pay/callback',
      { id, uid: user.id, oid, amount, source: 1, status: 1 },
      user.token,
    );
    expect(callback.status, callback.text).toBe(200);
    expect(callback.body).toEqual({});
    expect(await orderDetail(user, oid)).toMatchObject({ status: 1 });
    expect((await post('/api/pay/detail', { id }, user.token)).body).toMatchObject({ source: 1, status: 1 });

    const replay = await post('/api/pay/callback', { id, oid, amount, source: 1, status: 1 }, user.token);
    expect(replay.status, replay.text).toBe(200);
    expectError(await post('/api/pay/callback', { id, oid, amount, source: 1, status: 2 }, user.token), 409);
    expectError(await post('/api/order/update', { id: oid, status: 9 }, user.token), 409, 'FAILED_PRECONDITION');
  });

  it("requires the payment amount to equal the order's (bug 5)", async () => {
    const user = await signUp();
    const { oid } = await unpaidOrder(user, 5);
    expectError(await post('/api/pay/create', { oid, amount: 100 }, user.token), 400, 'INVALID_ARGUMENT');
    expect(await query('SELECT id FROM pay WHERE oid = ?', [oid])).toHaveLength(0);
  });

  it('allows one payment per order, also when requests race (bug 7)', async () => {
    const user = await signUp();
    const { oid, amount } = await unpaidOrder(user);
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => post('/api/pay/create', { oid, amount }, user.token)),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    for (const reply of replies.filter((r) => r.status !== 200)) expectError(reply, 409, 'ALREADY_EXISTS');
    expect(await query('SELECT id FROM pay WHERE oid = ?', [oid])).toHaveLength(1);
  });

  it('checks a callback against the stored payment (bug 6)', async () => {
    const user = await signUp();
    const { oid, amount } = await unpaidOrder(user);
    const other = await unpaidOrder(user);
    const id = await createPay(user, oid, amount);
    expectError(await post('/api/pay/callback', { id, oid: other.oid, amount, source: 1, status: 1 }, user.token), 400);
    expectError(
      await post('/api/pay/callback', { id, oid, amount: amount + 1, source: 1, status: 1 }, user.token),
      400,
    );
    expectError(await post('/api/pay/callback', { id, oid, amount, source: 1, status: 7 }, user.token), 400);

    const failed = await post('/api/pay/callback', { id, oid, amount, source: 1, status: 2 }, user.token);
    expect(failed.status, failed.text).toBe(200);
    expect(await orderDetail(user, oid)).toMatchObject({ status: 0 });

    const retried = await post('/api/pay/callback', { id, oid, amount, source: 2, status: 1 }, user.token);
    expect(retried.status, retried.text).toBe(200);
    expect(await orderDetail(user, oid)).toMatchObject({ status: 1 });
  });

  it('cannot pay a cancelled order (bug 6: only an unpaid valid order becomes paid)', async () => {
    const user = await signUp();
    const { oid, amount } = await unpaidOrder(user);
    const id = await createPay(user, oid, amount);
    expect((await post('/api/order/update', { id: oid, status: 9 }, user.token)).status).toBe(200);
    expectError(
      await post('/api/pay/callback', { id, oid, amount, source: 1, status: 1 }, user.token),
      409,
      'FAILED_PRECONDITION',
    );
    expect(await orderDetail(user, oid)).toMatchObject({ status: 9 });
    expect((await post('/api/pay/detail', { id }, user.token)).body).toMatchObject({ status: 0 });
    expectError(await post('/api/pay/create', { oid, amount }, user.token), 409);
  });

  it("keeps payments private: another user's pay, detail and callback are 404 or 403", async () => {
    const owner = await signUp();
    const intruder = await signUp();
    const { oid, amount } = await unpaidOrder(owner);
    expectError(await post('/api/pay/create', { oid, amount }, intruder.token), 404, 'NOT_FOUND');
    expectError(
      await post('/api/pay/create', { uid: owner.id, oid, amount }, intruder.token),
      403,
      'PERMISSION_DENIED',
    );
    const id = await createPay(owner, oid, amount);
    expectError(await post('/api/pay/detail', { id }, intruder.token), 404, 'NOT_FOUND');
    expectError(
      await post('/api/pay/callback', { id, oid, amount, source: 1, status: 1 }, intruder.token),
      404,
      'NOT_FOUND',
    );
    expect(await orderDetail(owner, oid)).toMatchObject({ status: 0 });
  });
});
