import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Metadata } from '@grpc/grpc-js';
import { createPool, type Pool, type RowDataPacket } from '@mall/db';
import { OrderService } from '@mall/proto/order';
import { AppError, createRpcClient, REQUEST_ID, type RpcClient } from '@mall/rpc';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { startOrderRpc } from '../src/app.js';
import { loadOrderRpcConfig } from '../src/config.js';
import { startNeighbours, type Neighbours } from './neighbours.js';

const GATEWAY_TOKEN = 'gateway-test-token-0123456789';
const PAY_TOKEN = 'pay-rpc-test-token-0123456789';
const ORDER_TOKEN = 'order-rpc-test-token-0123456789';
const DTM_TOKEN = 'dtm-test-token-0123456789';

let neighbours: Neighbours;
let database: TestDatabase;
let pool: Pool;
let app: Awaited<ReturnType<typeof startOrderRpc>>;
/** Acts for a user, as the gateway does. */
let gateway: RpcClient<typeof OrderService>;
/** The only caller of Paid. */
let payRpc: RpcClient<typeof OrderService>;
/** The only caller of CreateRevert (saga compensations). */
let dtm: RpcClient<typeof OrderService>;
let lastId = 100n;

async function failure(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function givenUser(): bigint {
  const uid = ++lastId;
  neighbours.users.add(uid);
  return uid;
}

function givenProduct(price: bigint, stock: bigint): bigint {
  const pid = ++lastId;
  neighbours.products.set(pid, { price, stock });
  return pid;
}

const stockOf = (pid: bigint) => neighbours.products.get(pid)?.stock;

async function givenOrder(uid: bigint, pid: bigint, num = 1n, gid = ''): Promise<bigint> {
  const { id } = await gateway.create({ Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: num, Gid: gid });
  return id;
}

async function statusOf(id: bigint): Promise<number | undefined> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT status FROM `order` WHERE id = ?', [id]);
  return rows[0] && Number(rows[0].status);
}

beforeAll(async () => {
  neighbours = await startNeighbours('order-rpc', ORDER_TOKEN);
  database = await createTestDatabase(inject('mysqlUrl'), 'order_rpc');
  const config = loadOrderRpcConfig({
    PORT: '0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    ETCD_ENDPOINTS: inject('etcdEndpoints'),
    RPC_AUTH_TOKENS: `gateway=${GATEWAY_TOKEN},pay-rpc=${PAY_TOKEN},dtm=${DTM_TOKEN}`,
    RPC_TOKEN: ORDER_TOKEN,
    RPC_DEADLINE_MS: '10000',
    USER_RPC_TARGET: `127.0.0.1:${neighbours.port}`,
    PRODUCT_RPC_TARGET: `127.0.0.1:${neighbours.port}`,
    LOG_LEVEL: 'silent',
  });
  app = await startOrderRpc(config, `order.rpc.test-${database.name}`);
  pool = createPool({ url: inject('mysqlUrl'), database: database.name });
  gateway = createRpcClient(OrderService, `127.0.0.1:${app.port}`, { app: 'gateway', token: GATEWAY_TOKEN });
  payRpc = createRpcClient(OrderService, `127.0.0.1:${app.port}`, { app: 'pay-rpc', token: PAY_TOKEN });
  dtm = createRpcClient(OrderService, `127.0.0.1:${app.port}`, { app: 'dtm', token: DTM_TOKEN });
});

afterAll(async () => {
  gateway?.close();
  payRpc?.close();
  dtm?.close();
  await app?.stop();
  await pool?.end();
  await neighbours?.stop();
  await database?.drop();
});

describe('order-rpc Create', () => {
  it('prices the order from the product, whatever amount and status the client sends (bug 5)', async () => {
    const uid = givenUser();
    const pid = givenProduct(1999n, 10n);
    const { id } = await gateway.create({ Uid: uid, Pid: pid, Amount: 1n, Status: 1n, Num: 3n, Gid: '' });
    expect(id).toBeGreaterThan(0n);
    expect(await gateway.detail({ id, Uid: uid })).toEqual({
      id,
      Uid: uid,
      Pid: pid,
      Amount: 5997n,
      Status: 0n,
      Gid: '',
      Num: 3n,
    });
    expect(stockOf(pid)).toBe(7n);
  });

  it('orders one when Num is unset', async () => {
    const uid = givenUser();
    const pid = givenProduct(250n, 5n);
    const id = await givenOrder(uid, pid, 0n, 'saga-num-default');
    expect(await gateway.detail({ id, Uid: uid })).toMatchObject({ Amount: 250n, Num: 1n, Gid: 'saga-num-default' });
    expect(stockOf(pid)).toBe(4n);
  });

  it('passes NOT_FOUND and insufficient stock through, recording nothing', async () => {
    const uid = givenUser();
    const pid = givenProduct(100n, 1n);
    const request = { Amount: 0n, Status: 0n, Num: 1n, Gid: '' };

    const noUser = await failure(gateway.create({ ...request, Uid: 999_999n, Pid: pid }));
    expect([noUser.code, noUser.message]).toEqual(['NOT_FOUND', 'user not found']);
    const noProduct = await failure(gateway.create({ ...request, Uid: uid, Pid: 999_999n }));
    expect([noProduct.code, noProduct.message]).toEqual(['NOT_FOUND', 'product not found']);
    const noStock = await failure(gateway.create({ ...request, Uid: uid, Pid: pid, Num: 2n }));
    expect([noStock.code, noStock.message]).toEqual(['ABORTED', 'insufficient stock']);

    expect(stockOf(pid)).toBe(1n);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toEqual([]);
  });

  it('refuses an amount beyond the column before taking any stock', async () => {
    const uid = givenUser();
    const pid = givenProduct(3_000_000_000n, 10n);
    const error = await failure(gateway.create({ Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 2n, Gid: '' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(stockOf(pid)).toBe(10n);
  });

  it('rejects malformed input with INVALID_ARGUMENT', async () => {
    const uid = givenUser();
    const pid = givenProduct(1n, 10n);
    const valid = { Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 1n, Gid: '' };
    const cases = [{ Uid: 0n }, { Pid: -1n }, { Num: 1001n }, { Num: -1n }, { Gid: 'g'.repeat(129) }];
    for (const change of cases) {
      expect((await failure(gateway.create({ ...valid, ...change }))).code).toBe('INVALID_ARGUMENT');
    }
    expect(stockOf(pid)).toBe(10n);
  });

  it('records one order per Gid and gives back the stock of racing duplicates', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => givenOrder(uid, pid, 1n, 'saga-race')));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect((attempt.reason as AppError).code).toBe('ALREADY_EXISTS');
    }
    expect(stockOf(pid)).toBe(9n);

    expect((await failure(givenOrder(uid, pid, 1n, 'saga-race'))).code).toBe('ALREADY_EXISTS');
    expect(stockOf(pid)).toBe(9n);
    expect((await gateway.list({ uid, Page: 0n, PageSize: 0n })).data).toHaveLength(1);
  });
});

describe('order-rpc CreateRevert', () => {
  it('cancels the order of its Gid only, even when the user ordered again since (bug 8)', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const reverted = await givenOrder(uid, pid, 1n, 'saga-undo');
    const newer = await givenOrder(uid, pid, 1n, 'saga-keep');
    const newest = await givenOrder(uid, pid);
    const revert = { Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 1n, Gid: 'saga-undo' };

    await dtm.createRevert(revert);
    await dtm.createRevert(revert);
    await dtm.createRevert({ ...revert, Gid: 'saga-never-ran' });

    expect(await statusOf(reverted)).toBe(9);
    expect(await statusOf(newer)).toBe(0);
    expect(await statusOf(newest)).toBe(0);
    // The stock comes back through product-rpc's own compensation, not this one.
    expect(stockOf(pid)).toBe(7n);
  });

  it('needs a Gid', async () => {
    const error = await failure(dtm.createRevert({ Uid: 1n, Pid: 1n, Amount: 0n, Status: 0n, Num: 1n, Gid: '' }));
    expect([error.code, error.message]).toEqual(['INVALID_ARGUMENT', 'Gid is required']);
  });
});

describe('order-rpc Detail', () => {
  it("never shows someone else's order (bug 4)", async () => {
    const owner = givenUser();
    const id = await givenOrder(owner, givenProduct(5n, 5n));
    for (const client of [gateway, payRpc]) {
      const error = await failure(client.detail({ id, Uid: givenUser() }));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', 'order not found']);
    }
    expect((await failure(gateway.detail({ id: 987_654_321n, Uid: owner }))).code).toBe('NOT_FOUND');
  });

  it('wants a positive id and Uid from every caller', async () => {
    const owner = givenUser();
    const id = await givenOrder(owner, givenProduct(5n, 5n));
    for (const client of [gateway, payRpc]) {
      const noUid = await failure(client.detail({ id, Uid: 0n }));
      expect([noUid.code, noUid.message]).toEqual(['INVALID_ARGUMENT', 'Uid must be a positive integer']);
      expect((await failure(client.detail({ id: 0n, Uid: owner }))).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('order-rpc Update', () => {
  it('cancels an unpaid order once and gives its stock back once', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const id = await givenOrder(uid, pid, 2n);
    expect(stockOf(pid)).toBe(8n);

    await gateway.update({ id, Uid: uid, Status: 9n });
    await gateway.update({ id, Uid: uid, Status: 9n });
    expect(await statusOf(id)).toBe(9);
    expect(stockOf(pid)).toBe(10n);

    const reopen = await failure(gateway.update({ id, Uid: uid, Status: 0n }));
    expect([reopen.code, reopen.message]).toEqual(['FAILED_PRECONDITION', 'a cancelled order cannot be reopened']);
  });

  it('keeps product and amount fixed, and treats Status 0 as a value (bug 3)', async () => {
    const uid = givenUser();
    const pid = givenProduct(40n, 10n);
    const id = await givenOrder(uid, pid);

    await gateway.update({ id, Uid: uid, Pid: pid, Amount: 40n, Status: 0n });
    expect(await statusOf(id)).toBe(0);
    for (const change of [{ Pid: pid + 1n }, { Amount: 41n }, { Amount: 0n }]) {
      const error = await failure(gateway.update({ id, Uid: uid, ...change }));
      expect([error.code, error.message]).toEqual([
        'FAILED_PRECONDITION',
        "an order's product and amount are fixed; cancel it and order again",
      ]);
    }
    const pay = await failure(gateway.update({ id, Uid: uid, Status: 1n }));
    expect([pay.code, pay.message]).toEqual(['FAILED_PRECONDITION', 'an order becomes paid only through its payment']);
    expect((await failure(gateway.update({ id, Uid: uid, Status: 5n }))).code).toBe('INVALID_ARGUMENT');
    expect((await failure(gateway.update({ id, Uid: givenUser(), Status: 9n }))).code).toBe('NOT_FOUND');
    expect(await gateway.detail({ id, Uid: uid })).toMatchObject({ Pid: pid, Amount: 40n, Status: 0n });
    expect(stockOf(pid)).toBe(9n);
  });

  it('leaves the order unpaid when product-rpc cannot be reached to give its stock back', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const id = await givenOrder(uid, pid);
    neighbours.revertFailure = new AppError('UNAVAILABLE', 'product-rpc is down');
    try {
      expect((await failure(gateway.update({ id, Uid: uid, Status: 9n }))).code).toBe('UNAVAILABLE');
      expect(await statusOf(id)).toBe(0);
      expect(stockOf(pid)).toBe(9n);
    } finally {
      neighbours.revertFailure = undefined;
    }
    await gateway.update({ id, Uid: uid, Status: 9n });
    expect(await statusOf(id)).toBe(9);
    expect(stockOf(pid)).toBe(10n);
  });

  it('keeps the order cancelled when the give-back may have happened, so stock never comes back twice', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    for (const code of ['DEADLINE_EXCEEDED', 'INTERNAL'] as const) {
      const id = await givenOrder(uid, pid, 2n);
      neighbours.revertFailure = new AppError(code, 'answer lost after the commit');
      neighbours.revertApplies = true;
      try {
        expect((await failure(gateway.update({ id, Uid: uid, Status: 9n }))).code).toBe(code);
      } finally {
        neighbours.revertFailure = undefined;
        neighbours.revertApplies = false;
      }
      expect(await statusOf(id)).toBe(9);
      expect(stockOf(pid)).toBe(10n);

      await gateway.update({ id, Uid: uid, Status: 9n });
      expect(await statusOf(id)).toBe(9);
      expect(stockOf(pid)).toBe(10n);
    }
  });
});

describe('order-rpc Paid', () => {
  it('pays an unpaid order, accepts a replay, and freezes the order', async () => {
    const uid = givenUser();
    const id = await givenOrder(uid, givenProduct(10n, 10n));
    await payRpc.paid({ id });
    await payRpc.paid({ id });
    expect(await statusOf(id)).toBe(1);
    const cancel = await failure(gateway.update({ id, Uid: uid, Status: 9n }));
    expect([cancel.code, cancel.message]).toEqual(['FAILED_PRECONDITION', 'a paid order cannot be changed']);
  });

  it('never pays a cancelled or missing order (bug 6)', async () => {
    const uid = givenUser();
    const id = await givenOrder(uid, givenProduct(10n, 10n));
    await gateway.update({ id, Uid: uid, Status: 9n });
    const cancelled = await failure(payRpc.paid({ id }));
    expect([cancelled.code, cancelled.message]).toEqual(['FAILED_PRECONDITION', 'order is cancelled']);
    expect(await statusOf(id)).toBe(9);
    expect((await failure(payRpc.paid({ id: 987_654_321n }))).code).toBe('NOT_FOUND');
  });

  it('lets exactly one of a racing payment and cancellation win', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 100n);
    for (let round = 0; round < 10; round++) {
      const id = await givenOrder(uid, pid);
      const [cancel, pay] = await Promise.allSettled([
        gateway.update({ id, Uid: uid, Status: 9n }),
        payRpc.paid({ id }),
      ]);
      expect([cancel.status, pay.status].filter((status) => status === 'fulfilled')).toHaveLength(1);
      expect(await statusOf(id)).toBe(cancel.status === 'fulfilled' ? 9 : 1);
    }
    const paidOrders = (await gateway.list({ uid, Page: 0n, PageSize: 0n })).data.filter((o) => o.Status === 1n);
    expect(stockOf(pid)).toBe(100n - BigInt(paidOrders.length));
  });
});

describe('order-rpc access', () => {
  it('lets only pay-rpc call Paid and only dtm call CreateRevert, changing nothing for others', async () => {
    const uid = givenUser();
    const id = await givenOrder(uid, givenProduct(10n, 10n), 1n, 'saga-guarded');
    const revert = { Uid: uid, Pid: 0n, Amount: 0n, Status: 0n, Num: 1n, Gid: 'saga-guarded' };
    for (const [client, app] of [
      [gateway, 'gateway'],
      [dtm, 'dtm'],
    ] as const) {
      expect(await failure(client.paid({ id }))).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: `${app} may not call /order.Order/Paid`,
      });
    }
    for (const [client, app] of [
      [gateway, 'gateway'],
      [payRpc, 'pay-rpc'],
    ] as const) {
      expect(await failure(client.createRevert(revert))).toMatchObject({
        code: 'PERMISSION_DENIED',
        message: `${app} may not call /order.Order/CreateRevert`,
      });
    }
    expect(await statusOf(id)).toBe(0);
  });
});

describe('order-rpc outgoing calls', () => {
  it("pass on the served call's deadline and request id", async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const metadata = new Metadata();
    metadata.set(REQUEST_ID, 'req-inherited');
    const shortGateway = createRpcClient(OrderService, `127.0.0.1:${app.port}`, {
      app: 'gateway',
      token: GATEWAY_TOKEN,
      deadlineMs: 3_000,
    });
    try {
      const before = Date.now();
      await shortGateway.create({ Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: 1n, Gid: '' }, metadata);
      const inherited = neighbours.lastInherited;
      expect(inherited?.metadata).toEqual({ [REQUEST_ID]: 'req-inherited' });
      // order-rpc's own deadline for the call is 10 s; the gateway's 3 s must win.
      expect(inherited?.deadline).toBeLessThan(before + 3_500);
    } finally {
      shortGateway.close();
    }
  });
});

describe('order-rpc Remove', () => {
  it('removes only cancelled orders of the caller', async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const open = await givenOrder(uid, pid);
    const paid = await givenOrder(uid, pid);
    await payRpc.paid({ id: paid });

    const openError = await failure(gateway.remove({ id: open, Uid: uid }));
    expect([openError.code, openError.message]).toEqual(['FAILED_PRECONDITION', 'cancel the order before removing it']);
    const paidError = await failure(gateway.remove({ id: paid, Uid: uid }));
    expect([paidError.code, paidError.message]).toEqual(['FAILED_PRECONDITION', 'a paid order cannot be removed']);

    await gateway.update({ id: open, Uid: uid, Status: 9n });
    expect((await failure(gateway.remove({ id: open, Uid: givenUser() }))).code).toBe('NOT_FOUND');
    await gateway.remove({ id: open, Uid: uid });
    expect((await failure(gateway.detail({ id: open, Uid: uid }))).code).toBe('NOT_FOUND');
  });
});

describe('order-rpc List', () => {
  it("lists the user's own orders newest first, a page at a time (bug 17)", async () => {
    const uid = givenUser();
    const pid = givenProduct(10n, 10n);
    const ids = [await givenOrder(uid, pid), await givenOrder(uid, pid), await givenOrder(uid, pid)];
    await givenOrder(givenUser(), pid);

    const ids0 = (page: { data: { id: bigint }[] }) => page.data.map((order) => order.id);
    expect(ids0(await gateway.list({ uid, Page: 0n, PageSize: 0n }))).toEqual([ids[2], ids[1], ids[0]]);
    expect(ids0(await gateway.list({ uid, Page: 1n, PageSize: 2n }))).toEqual([ids[2], ids[1]]);
    expect(ids0(await gateway.list({ uid, Page: 2n, PageSize: 2n }))).toEqual([ids[0]]);
    expect((await failure(gateway.list({ uid, Page: 1n, PageSize: 1001n }))).code).toBe('INVALID_ARGUMENT');
    expect((await failure(gateway.list({ uid: 0n, Page: 1n, PageSize: 10n }))).code).toBe('INVALID_ARGUMENT');
  });
});
