// The order saga end to end: gateway → DTM server → order-rpc and product-rpc, each branch behind
// the barrier. The three flows of the tutorial, then the invariants under races and odd input.
import { describe, expect, it } from 'vitest';
import { query } from './db.js';
import { tokenFor } from './forge-token.js';
import { createProduct, expectError, post, signUp, signUpMany, type OrderView, type TestUser } from './http.js';
import { barrierRows, dtmQuery, orderByGid, settled, stockOf } from './saga.js';

const create = (user: TestUser, body: object, headers: Record<string, string> = {}) =>
  post<OrderView>('/api/order/create', body, user.token, headers);

const gidOf = (reply: { headers: Headers }) => reply.headers.get('x-order-gid') ?? '';
const messageOf = (reply: { body: unknown }) => (reply.body as { message?: string }).message;

describe('the three flows of the tutorial', () => {
  it('1. normal: the order is created, the stock taken, one action row per branch', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 10, amount: 5 });
    const reply = await create(user, { pid, num: 2 });
    expect(reply.status, reply.text).toBe(200);
    const gid = gidOf(reply);
    expect(reply.body).toEqual({ id: expect.any(Number), uid: user.id, pid, amount: 10, status: 0, num: 2, gid });
    expect(await stockOf(pid)).toBe(8);
    expect(await barrierRows(gid)).toEqual(['01 action action', '02 action action']);
    expect((await dtmQuery(gid)).transaction?.status).toBe('succeed');
  });

  it('2. rollback: DecrStock fails, CreateRevert cancels this order, DecrStockRevert is a null compensation', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 1 });
    const reply = await create(user, { pid, num: 2 });
    expectError(reply, 409, 'ABORTED');
    expect(messageOf(reply)).toBe('insufficient stock');
    const gid = gidOf(reply);
    expect(await orderByGid(gid)).toMatchObject({ uid: user.id, pid, num: 2, status: 9 });
    expect(await stockOf(pid)).toBe(1);
    expect(await barrierRows(gid)).toEqual([
      '01 action action',
      '01 compensate compensate',
      // The guard row the null compensation wrote, so a late DecrStock can no longer run.
      '02 action compensate',
      '02 compensate compensate',
    ]);
    expect((await dtmQuery(gid)).transaction?.status).toBe('failed');
  });

  it('3. failure after commit: DecrStock commits then fails, and both compensations really run', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 10 });
    const reply = await create(user, { pid, num: 3 }, { 'X-Mall-Fault': 'decr-stock-after-commit' });
    expectError(reply, 409, 'ABORTED');
    const gid = gidOf(reply);
    expect(await orderByGid(gid)).toMatchObject({ num: 3, status: 9 });
    expect(await stockOf(pid)).toBe(10);
    expect(await barrierRows(gid)).toEqual([
      '01 action action',
      '01 compensate compensate',
      '02 action action',
      '02 compensate compensate',
    ]);
  });
});

describe('invariants', () => {
  it('200 orders from 10 users racing for 50 units: 50 succeed, 150 roll back their own order', async () => {
    const seller = await signUp();
    const buyers = await signUpMany(10);
    const pid = await createProduct(seller, { stock: 50 });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => create(buyers[i % buyers.length]!, { pid })),
    );
    // On a busy machine a branch call can outlast its timeout: the gateway then answers 202 (still running), or
    // 409 while the rollback is finished by DTM's cron. Every saga ends, and the answers given must agree with it.
    for (const reply of replies) expect([200, 202, 409], reply.text).toContain(reply.status);
    const outcomes = await Promise.all(replies.map((reply) => settled(gidOf(reply), 60_000)));
    replies.forEach((reply, i) => {
      if (reply.status === 200) expect(outcomes[i], gidOf(reply)).toBe('succeed');
      if (reply.status === 409) expect(outcomes[i], gidOf(reply)).toBe('failed');
    });
    expect(outcomes.filter((outcome) => outcome === 'succeed')).toHaveLength(50);
    expect(outcomes.filter((outcome) => outcome === 'failed')).toHaveLength(150);
    expect(await stockOf(pid)).toBe(0);

    const rows = await query<{ gid: string; uid: string; status: number }>(
      'SELECT gid, uid, status FROM `order` WHERE pid = ?',
      [pid],
    );
    const byGid = new Map(rows.map((row) => [row.gid, row]));
    replies.forEach((reply, i) => {
      const row = byGid.get(gidOf(reply));
      expect(Number(row?.uid), gidOf(reply)).toBe(buyers[i % buyers.length]!.id);
      // A failed saga cancelled its own order (bug 8 cancelled the user's latest instead).
      expect(row?.status, gidOf(reply)).toBe(outcomes[i] === 'succeed' ? 0 : 9);
    });
    expect(rows).toHaveLength(200);
  }, 180_000);

  it('gives back exactly the quantity it took when a later step fails', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 7 });
    expectError(await create(user, { pid, num: 4 }, { 'X-Mall-Fault': 'decr-stock-after-commit' }), 409);
    expect(await stockOf(pid)).toBe(7);
    expect((await create(user, { pid, num: 4 })).status).toBe(200);
    expect(await stockOf(pid)).toBe(3);
  });

  it('rolls back at once for an unknown product or user (FAILURE, not endless retries)', async () => {
    const user = await signUp();
    const noProduct = await create(user, { pid: 999_999_999 });
    expectError(noProduct, 409, 'ABORTED');
    expect(messageOf(noProduct)).toBe('product not found');
    expect((await dtmQuery(gidOf(noProduct))).transaction?.status).toBe('failed');
    expect(await orderByGid(gidOf(noProduct))).toBeUndefined();

    const pid = await createProduct(user, { stock: 5 });
    const ghost = { token: tokenFor(888_888_888), id: 888_888_888, mobile: '' };
    const noUser = await create(ghost, { pid });
    expectError(noUser, 409, 'ABORTED');
    expect(messageOf(noUser)).toBe('user not found');
    expect((await dtmQuery(gidOf(noUser))).transaction?.status).toBe('failed');
    expect(await stockOf(pid)).toBe(5);
  });

  it('answers a repeated request (same Idempotency-Key) with the same order, taking the stock once', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 5 });
    const headers = { 'Idempotency-Key': `retry-${pid}` };
    const [first, second] = await Promise.all([create(user, { pid }, headers), create(user, { pid }, headers)]);
    const third = await create(user, { pid }, headers);
    for (const reply of [first, second, third]) expect(reply.status, reply.text).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(third.body.id).toBe(first.body.id);
    expect(await stockOf(pid)).toBe(4);

    const soldOut = await createProduct(user, { stock: 0 });
    const refusal = { 'Idempotency-Key': `refused-${soldOut}` };
    expectError(await create(user, { pid: soldOut }, refusal), 409);
    expectError(await create(user, { pid: soldOut }, refusal), 409);
  });

  it('answers 202 with Prefer: respond-async; the order is then readable by gid', async () => {
    const user = await signUp();
    const pid = await createProduct(user, { stock: 5 });
    const reply = await create(user, { pid }, { Prefer: 'respond-async' });
    expect(reply.status, reply.text).toBe(202);
    const { gid } = reply.body as unknown as { gid: string };
    expect(await settled(gid)).toBe('succeed');
    const detail = await post<OrderView>('/api/order/detail', { gid }, user.token);
    expect(detail.body).toMatchObject({ gid, pid, status: 0, num: 1 });
    expect(await stockOf(pid)).toBe(4);
  });
});
