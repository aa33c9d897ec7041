// Access control across users, through every route: B can read, change, pay or cancel nothing of A's.
// Each test checks the answer (404 where A's thing must not even be seen to exist, 403 where B names
// A outright or the thing is public, as docs/errors.md sets out) and that A's rows are unchanged.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { query } from './db.js';
import {
  createProduct,
  expectError,
  orderDetail,
  placeOrder,
  post,
  signUp,
  type OrderView,
  type TestUser,
} from './http.js';

let a: TestUser;
let b: TestUser;
/** A's things: a product, an unpaid order with a payment waiting, an unpaid order without one, a cancelled order. */
let product: number;
let unpaid: OrderView;
let payment: number;
let unpaidWithoutPay: OrderView;
let cancelled: number;
const IDEMPOTENCY_KEY = 'access-control-key';

/** Everything stored about A, in every table. */
async function rowsOfA() {
  return {
    user: await query('SELECT * FROM `user` WHERE id = ?', [a.id]),
    products: await query('SELECT * FROM product WHERE uid = ? ORDER BY id', [a.id]),
    orders: await query('SELECT * FROM `order` WHERE uid = ? ORDER BY id', [a.id]),
    pays: await query('SELECT * FROM pay WHERE uid = ? ORDER BY id', [a.id]),
  };
}

beforeAll(async () => {
  [a, b] = [await signUp('alice'), await signUp('bob')];
  product = await createProduct(a, { stock: 50, amount: 4 });
  unpaid = await orderDetail(a, await placeOrder(a, product, 2));
  const pay = await post<{ id: number }>('/api/pay/create', { oid: unpaid.id, amount: unpaid.amount }, a.token);
  expect(pay.status, pay.text).toBe(200);
  payment = pay.body.id;
  const keyed = await post<OrderView>('/api/order/create', { pid: product }, a.token, {
    'Idempotency-Key': IDEMPOTENCY_KEY,
  });
  expect(keyed.status, keyed.text).toBe(200);
  unpaidWithoutPay = keyed.body;
  cancelled = await placeOrder(a, product);
  expect((await post('/api/order/update', { id: cancelled, status: 9 }, a.token)).status).toBe(200);
});

let before: Awaited<ReturnType<typeof rowsOfA>>;
beforeEach(async () => {
  before = await rowsOfA();
});
afterEach(async () => {
  expect(await rowsOfA(), "A's rows after B's attempt").toEqual(before);
});

describe("user routes: B gets only B's account", () => {
  it("userinfo answers B's own account, whatever the body names", async () => {
    const reply = await post('/api/user/userinfo', { id: a.id, uid: a.id, mobile: a.mobile }, b.token);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ id: b.id, name: 'bob', gender: 1, mobile: b.mobile });
  });

  it("register cannot take over A's mobile: 409", async () => {
    const body = { name: 'mallory', gender: 2, mobile: a.mobile, password: 'taken-over' };
    expectError(await post('/api/user/register', body, b.token), 409, 'ALREADY_EXISTS');
  });

  it("login with A's mobile and B's password: 401", async () => {
    expectError(await post('/api/user/login', { mobile: a.mobile, password: '123456x' }), 401, 'UNAUTHENTICATED');
  });
});

describe('product routes: anyone signed in reads, only the owner changes (docs/04-product.md)', () => {
  it("detail of A's product is public, and names no owner", async () => {
    const reply = await post('/api/product/detail', { id: product }, b.token);
    expect(reply.status, reply.text).toBe(200);
    expect(Object.keys(reply.body as object).sort()).toEqual(['amount', 'desc', 'id', 'name', 'status', 'stock']);
  });

  it("update of A's product: 403", async () => {
    const body = { id: product, stock: 0, amount: 1, name: 'mine now', status: 1, uid: b.id };
    expectError(await post('/api/product/update', body, b.token), 403, 'PERMISSION_DENIED');
  });

  it("update of A's product with A's uid in the body: 403", async () => {
    expectError(await post('/api/product/update', { id: product, uid: a.id, stock: 0 }, b.token), 403);
  });

  it("remove of A's product: 403", async () => {
    expectError(await post('/api/product/remove', { id: product, uid: a.id }, b.token), 403, 'PERMISSION_DENIED');
  });

  it('create with uid: A in the body makes a product owned by B', async () => {
    const body = { name: 'forged', desc: '', stock: 1, amount: 1, status: 0, uid: a.id };
    const reply = await post<{ id: number }>('/api/product/create', body, b.token);
    expect(reply.status, reply.text).toBe(200);
    const [row] = await query<{ uid: string }>('SELECT uid FROM product WHERE id = ?', [reply.body.id]);
    expect(Number(row?.uid)).toBe(b.id);
  });
});

describe("order routes: A's orders do not exist for B", () => {
  it("detail of A's order by id: 404", async () => {
    expectError(await post('/api/order/detail', { id: unpaid.id }, b.token), 404, 'NOT_FOUND');
  });

  it("detail of A's order by gid: 404", async () => {
    expectError(await post('/api/order/detail', { gid: unpaid.gid }, b.token), 404, 'NOT_FOUND');
  });

  it("list with A's uid: 403; without, none of A's orders", async () => {
    expectError(await post('/api/order/list', { uid: a.id }, b.token), 403, 'PERMISSION_DENIED');
    const own = await post<OrderView[]>('/api/order/list', { pageSize: 1000 }, b.token);
    expect(own.status, own.text).toBe(200);
    expect(own.body.filter((order) => order.uid !== b.id)).toEqual([]);
  });

  it("cancel (update status 9) of A's order: 404", async () => {
    expectError(await post('/api/order/update', { id: unpaid.id, status: 9 }, b.token), 404, 'NOT_FOUND');
  });

  it("update of A's order with A's uid in the body: 403", async () => {
    const body = { id: unpaid.id, uid: a.id, status: 9 };
    expectError(await post('/api/order/update', body, b.token), 403, 'PERMISSION_DENIED');
  });

  it("update moving A's order to B's product or price: 404", async () => {
    const body = { id: unpaid.id, pid: product, amount: 0 };
    expectError(await post('/api/order/update', body, b.token), 404, 'NOT_FOUND');
  });

  it("remove of A's cancelled order: 404", async () => {
    expectError(await post('/api/order/remove', { id: cancelled }, b.token), 404, 'NOT_FOUND');
  });

  it("create in A's name (uid in the body): 403, no order, no stock taken", async () => {
    expectError(await post('/api/order/create', { uid: a.id, pid: product }, b.token), 403, 'PERMISSION_DENIED');
    const [row] = await query<{ stock: number }>('SELECT stock FROM product WHERE id = ?', [product]);
    // 2 for the unpaid order, 1 for the keyed one; the cancelled order's unit came back.
    expect(Number(row?.stock)).toBe(47);
  });

  it("create with A's Idempotency-Key makes B's own order, not a replay of A's", async () => {
    const own = await createProduct(b, { stock: 5, amount: 4 });
    const reply = await post<OrderView>('/api/order/create', { pid: own }, b.token, {
      'Idempotency-Key': IDEMPOTENCY_KEY,
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ uid: b.id, pid: own, status: 0 });
    expect(reply.body.gid).not.toBe(unpaidWithoutPay.gid);
  });
});

describe("pay routes: A's payments do not exist for B", () => {
  it("create a payment for A's order: 404", async () => {
    const body = { oid: unpaidWithoutPay.id, amount: unpaidWithoutPay.amount };
    expectError(await post('/api/pay/create', body, b.token), 404, 'NOT_FOUND');
  });

  it("create a payment for A's order with A's uid in the body: 403", async () => {
    const body = { uid: a.id, oid: unpaidWithoutPay.id, amount: unpaidWithoutPay.amount };
    expectError(await post('/api/pay/create', body, b.token), 403, 'PERMISSION_DENIED');
  });

  it("detail of A's payment: 404", async () => {
    expectError(await post('/api/pay/detail', { id: payment }, b.token), 404, 'NOT_FOUND');
  });

  it("callback marking A's payment paid: 404", async () => {
    const body = { id: payment, oid: unpaid.id, amount: unpaid.amount, source: 1, status: 1 };
    expectError(await post('/api/pay/callback', body, b.token), 404, 'NOT_FOUND');
  });

  it("callback marking A's payment failed, with A's uid in the body: 403", async () => {
    const body = { id: payment, uid: a.id, oid: unpaid.id, amount: unpaid.amount, source: 1, status: 2 };
    expectError(await post('/api/pay/callback', body, b.token), 403, 'PERMISSION_DENIED');
  });
});
