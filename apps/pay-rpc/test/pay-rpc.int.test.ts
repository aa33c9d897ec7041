import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Metadata } from '@grpc/grpc-js';
import { PayService } from '@mall/proto/pay';
import { AppError, createRpcClient, REQUEST_ID, type RpcClient } from '@mall/rpc';
import { appErrorOf, createTestDatabase, type TestDatabase } from '@mall/testing';
import { startPayRpc } from '../src/app.js';
import { loadPayRpcConfig } from '../src/config.js';
import { startNeighbours, type Neighbours } from './neighbours.js';

const GATEWAY_TOKEN = 'gateway-test-token-0123456789';
const PAY_TOKEN = 'pay-rpc-test-token-0123456789';

let neighbours: Neighbours;
let database: TestDatabase;
let app: Awaited<ReturnType<typeof startPayRpc>>;
let client: RpcClient<typeof PayService>;
let lastId = 100n;

/** An order of a fresh user, as order-rpc would hold it. */
function givenOrder(amount = 5997n, status = 0n): { uid: bigint; oid: bigint } {
  const uid = ++lastId;
  const oid = ++lastId;
  neighbours.orders.set(oid, { uid, amount, status });
  return { uid, oid };
}

async function givenPayment(amount = 5997n) {
  const { uid, oid } = givenOrder(amount);
  const { id } = await client.create({ Uid: uid, Oid: oid, Amount: amount });
  return { id, uid, oid, amount };
}

const orderStatus = (oid: bigint) => neighbours.orders.get(oid)?.status;

beforeAll(async () => {
  neighbours = await startNeighbours('pay-rpc', PAY_TOKEN);
  database = await createTestDatabase(inject('mysqlUrl'), 'pay_rpc');
  const config = loadPayRpcConfig({
    PORT: '0',
    METRICS_PORT: '0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    ETCD_ENDPOINTS: inject('etcdEndpoints'),
    RPC_AUTH_TOKENS: `gateway=${GATEWAY_TOKEN}`,
    RPC_TOKEN: PAY_TOKEN,
    RPC_DEADLINE_MS: '10000',
    ORDER_RPC_TARGET: `127.0.0.1:${neighbours.port}`,
    LOG_LEVEL: 'silent',
  });
  app = await startPayRpc(config, `pay.rpc.test-${database.name}`);
  client = createRpcClient(PayService, `127.0.0.1:${app.port}`, { app: 'gateway', token: GATEWAY_TOKEN });
});

afterAll(async () => {
  client?.close();
  await app?.stop();
  await neighbours?.stop();
  await database?.drop();
});

describe('pay-rpc Create and Detail', () => {
  it("opens a payment for the order's exact amount and shows the stored row", async () => {
    const { uid, oid } = givenOrder(5997n);
    const { id } = await client.create({ Uid: uid, Oid: oid, Amount: 5997n });
    expect(id).toBeGreaterThan(0n);
    expect(await client.detail({ id, Uid: uid })).toEqual({
      id,
      Uid: uid,
      Oid: oid,
      Amount: 5997n,
      Source: 0n,
      Status: 0n,
    });
  });

  it("refuses any amount but the order's (bug 5)", async () => {
    const { uid, oid } = givenOrder(5997n);
    const error = await appErrorOf(client.create({ Uid: uid, Oid: oid, Amount: 1n }));
    expect([error.code, error.message]).toEqual(['INVALID_ARGUMENT', "amount must equal the order's amount (5997)"]);
  });

  it("refuses someone else's, a paid and a cancelled order", async () => {
    const { oid } = givenOrder();
    const stranger = await appErrorOf(client.create({ Uid: ++lastId, Oid: oid, Amount: 5997n }));
    expect([stranger.code, stranger.message]).toEqual(['NOT_FOUND', 'order not found']);
    const paid = givenOrder(10n, 1n);
    expect(await appErrorOf(client.create({ Uid: paid.uid, Oid: paid.oid, Amount: 10n }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'order is already paid',
    });
    const cancelled = givenOrder(10n, 9n);
    expect(await appErrorOf(client.create({ Uid: cancelled.uid, Oid: cancelled.oid, Amount: 10n }))).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: 'order is cancelled',
    });
    expect((await appErrorOf(client.create({ Uid: 0n, Oid: oid, Amount: 5997n }))).code).toBe('INVALID_ARGUMENT');
    expect((await appErrorOf(client.create({ Uid: 1n, Oid: 0n, Amount: 5997n }))).code).toBe('INVALID_ARGUMENT');
  });

  it('opens one payment per order, also when requests race (bug 7)', async () => {
    const { uid, oid } = givenOrder(50n);
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => client.create({ Uid: uid, Oid: oid, Amount: 50n })),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect(attempt.reason).toMatchObject({
        code: 'ALREADY_EXISTS',
        message: 'a payment for this order already exists',
      });
    }
    expect((await appErrorOf(client.create({ Uid: uid, Oid: oid, Amount: 50n }))).code).toBe('ALREADY_EXISTS');
  });

  it('shows a payment only to its owner', async () => {
    const { id } = await givenPayment();
    for (const request of [
      { id, Uid: ++lastId },
      { id: 987_654_321n, Uid: 1n },
    ]) {
      const error = await appErrorOf(client.detail(request));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', 'payment not found']);
    }
  });
});

describe('pay-rpc Callback', () => {
  it('marks the order paid, then the payment, and ignores a replay', async () => {
    const { id, uid, oid, amount } = await givenPayment();
    const success = { id, Uid: uid, Oid: oid, Amount: amount, Source: 1n, Status: 1n };
    await client.callback(success);
    expect(orderStatus(oid)).toBe(1n);
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Source: 1n, Status: 1n });

    await client.callback({ ...success, Source: 2n });
    expect(neighbours.paidCalls.get(oid)).toBe(1);
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Source: 1n, Status: 1n });
  });

  it('records a failure without touching the order, and lets a later success through (bug 6)', async () => {
    const { id, uid, oid, amount } = await givenPayment();
    const callback = { id, Uid: uid, Oid: oid, Amount: amount, Source: 3n };
    await client.callback({ ...callback, Status: 2n });
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Source: 3n, Status: 2n });
    expect(orderStatus(oid)).toBe(0n);
    expect(neighbours.paidCalls.get(oid)).toBeUndefined();

    await client.callback({ ...callback, Status: 1n });
    expect(orderStatus(oid)).toBe(1n);
    const late = await appErrorOf(client.callback({ ...callback, Status: 2n }));
    expect([late.code, late.message]).toEqual(['FAILED_PRECONDITION', 'payment already succeeded']);
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Status: 1n });
  });

  it("refuses another order's id, another amount and another user (bugs 5 and 6)", async () => {
    const { id, uid, oid, amount } = await givenPayment();
    const other = givenOrder();
    const success = { id, Uid: uid, Oid: oid, Amount: amount, Source: 1n, Status: 1n };

    const wrongOrder = await appErrorOf(client.callback({ ...success, Oid: other.oid }));
    expect([wrongOrder.code, wrongOrder.message]).toEqual([
      'INVALID_ARGUMENT',
      'payment does not belong to this order',
    ]);
    const wrongAmount = await appErrorOf(client.callback({ ...success, Amount: amount - 1n }));
    expect([wrongAmount.code, wrongAmount.message]).toEqual([
      'INVALID_ARGUMENT',
      'paid amount does not match the order amount',
    ]);
    const stranger = await appErrorOf(client.callback({ ...success, Uid: other.uid }));
    expect([stranger.code, stranger.message]).toEqual(['NOT_FOUND', 'payment not found']);
    for (const change of [{ Status: 0n }, { Status: 3n }, { Source: 256n }, { Source: -1n }]) {
      expect((await appErrorOf(client.callback({ ...success, ...change }))).code).toBe('INVALID_ARGUMENT');
    }

    expect(orderStatus(oid)).toBe(0n);
    expect(orderStatus(other.oid)).toBe(0n);
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Status: 0n });
  });

  it('leaves the payment unpaid when the order was cancelled meanwhile', async () => {
    const { id, uid, oid, amount } = await givenPayment();
    neighbours.orders.get(oid)!.status = 9n;
    const error = await appErrorOf(client.callback({ id, Uid: uid, Oid: oid, Amount: amount, Source: 1n, Status: 1n }));
    expect([error.code, error.message]).toEqual(['FAILED_PRECONDITION', 'order is cancelled']);
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Status: 0n });
  });

  it('converges when retried after a failed step', async () => {
    const { id, uid, oid, amount } = await givenPayment();
    const success = { id, Uid: uid, Oid: oid, Amount: amount, Source: 1n, Status: 1n };
    neighbours.paidFailure = new AppError('FAILED_PRECONDITION', 'order-rpc hiccup');
    expect((await appErrorOf(client.callback(success))).message).toBe('order-rpc hiccup');
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Status: 0n });

    await client.callback(success);
    expect(orderStatus(oid)).toBe(1n);
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Status: 1n });
  });

  it('completes a payment whose order an earlier attempt already marked paid', async () => {
    const { id, uid, oid, amount } = await givenPayment();
    neighbours.orders.get(oid)!.status = 1n;
    await client.callback({ id, Uid: uid, Oid: oid, Amount: amount, Source: 1n, Status: 1n });
    expect(await client.detail({ id, Uid: uid })).toMatchObject({ Status: 1n });
  });
});

describe('pay-rpc outgoing calls', () => {
  it("pass on the served call's deadline and request id", async () => {
    const { uid, oid } = givenOrder(70n);
    const metadata = new Metadata();
    metadata.set(REQUEST_ID, 'req-inherited');
    const shortClient = createRpcClient(PayService, `127.0.0.1:${app.port}`, {
      app: 'gateway',
      token: GATEWAY_TOKEN,
      deadlineMs: 3_000,
    });
    try {
      const before = Date.now();
      await shortClient.create({ Uid: uid, Oid: oid, Amount: 70n }, metadata);
      const inherited = neighbours.lastInherited;
      expect(inherited?.metadata).toEqual({ [REQUEST_ID]: 'req-inherited' });
      // pay-rpc's own deadline for the call is 10 s; the gateway's 3 s must win.
      expect(inherited?.deadline).toBeLessThan(before + 3_500);
    } finally {
      shortClient.close();
    }
  });
});
