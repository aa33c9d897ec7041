// One order-rpc on a test database, with stand-in neighbours and a client per kind of caller.
import { inject } from 'vitest';
import type { Metadata } from '@grpc/grpc-js';
import { branchMetadata } from '@mall/dtm-client';
import { createPool, type Pool, type RowDataPacket } from '@mall/db';
import { OrderService, type CreateRequest, type CreateResponse } from '@mall/proto/order';
import { createRpcClient, type RpcClient } from '@mall/rpc';
import { createTestDatabase } from '@mall/testing';
import { startOrderRpc } from '../src/app.js';
import { loadOrderRpcConfig } from '../src/config.js';
import { startNeighbours, type Neighbours } from './neighbours.js';

const GATEWAY_TOKEN = 'gateway-test-token-0123456789';
const PAY_TOKEN = 'pay-rpc-test-token-0123456789';
const ORDER_TOKEN = 'order-rpc-test-token-0123456789';
const DTM_TOKEN = 'dtm-test-token-0123456789';

type OrderClient = RpcClient<typeof OrderService>;

export type SagaOp = 'action' | 'compensate';

export interface BarrierRow {
  branch_id: string;
  op: string;
  barrier_id: string;
  reason: string;
}

/** What the DTM server sends with a call of step 1 (branch 01) of saga `gid`. */
export const sagaMetadata = (gid: string, op: SagaOp): Metadata =>
  branchMetadata({ gid, transType: 'saga', branchId: '01', op });

/** A CreateRequest for `num` of product `pid` by user `uid`; Gid is left empty, as the saga may. */
export const orderRequest = (uid: bigint, pid: bigint, num = 1n, Gid = ''): CreateRequest => ({
  Uid: uid,
  Pid: pid,
  Amount: 0n,
  Status: 0n,
  Num: num,
  Gid,
});

export interface Harness {
  neighbours: Neighbours;
  pool: Pool;
  app: Awaited<ReturnType<typeof startOrderRpc>>;
  /** Acts for a user, as the gateway does. */
  gateway: OrderClient;
  /** The only caller of Paid. */
  payRpc: OrderClient;
  /** The DTM server: the only caller of Create and CreateRevert. */
  dtm: OrderClient;
  givenUser(): bigint;
  givenProduct(price: bigint, stock: bigint): bigint;
  stockOf(pid: bigint): bigint | undefined;
  /** A gid no other test uses. */
  newGid(): string;
  /** Create as saga `gid`'s action, as DTM calls it. */
  sagaAction(gid: string, request: CreateRequest): Promise<CreateResponse>;
  /** CreateRevert as saga `gid`'s compensation, as DTM calls it (with the action's payload). */
  sagaCompensate(gid: string, request?: CreateRequest): Promise<CreateResponse>;
  /**
   * An order as a completed saga leaves it: created by the action, and its stock taken from the
   * stand-in product, as the saga's second step does.
   */
  givenOrder(uid: bigint, pid: bigint, num?: bigint, gid?: string): Promise<bigint>;
  statusOf(id: bigint): Promise<number | undefined>;
  /** The statuses of the orders with `gid` (at most one, by the unique index). */
  statusesByGid(gid: string): Promise<number[]>;
  barrierRowsOf(gid: string): Promise<BarrierRow[]>;
  /** Another client, as DTM, with its own deadline. */
  dtmWithDeadline(deadlineMs: number): OrderClient;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const neighbours = await startNeighbours('order-rpc', ORDER_TOKEN);
  const database = await createTestDatabase(inject('mysqlUrl'), 'order_rpc');
  const barrierTable = `${database.name}.barrier`;
  const config = loadOrderRpcConfig({
    PORT: '0',
    METRICS_PORT: '0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    ETCD_ENDPOINTS: inject('etcdEndpoints'),
    RPC_AUTH_TOKENS: `gateway=${GATEWAY_TOKEN},pay-rpc=${PAY_TOKEN},dtm=${DTM_TOKEN}`,
    RPC_TOKEN: ORDER_TOKEN,
    RPC_DEADLINE_MS: '10000',
    USER_RPC_TARGET: `127.0.0.1:${neighbours.port}`,
    PRODUCT_RPC_TARGET: `127.0.0.1:${neighbours.port}`,
    BARRIER_TABLE: barrierTable,
    LOG_LEVEL: 'silent',
  });
  const app = await startOrderRpc(config, `order.rpc.test-${database.name}`);
  const pool = createPool({ url: inject('mysqlUrl'), database: database.name });
  const client = (name: string, token: string, deadlineMs?: number) =>
    createRpcClient(OrderService, `127.0.0.1:${app.port}`, { app: name, token, deadlineMs });
  const gateway = client('gateway', GATEWAY_TOKEN);
  const payRpc = client('pay-rpc', PAY_TOKEN);
  const dtm = client('dtm', DTM_TOKEN);
  let lastId = 100n;
  let lastGid = 0;
  const newGid = () => `saga-${database.name}-${++lastGid}`;
  const sagaAction = (gid: string, request: CreateRequest) => dtm.create(request, sagaMetadata(gid, 'action'));

  return {
    neighbours,
    pool,
    app,
    gateway,
    payRpc,
    dtm,
    givenUser() {
      const uid = ++lastId;
      neighbours.users.add(uid);
      return uid;
    },
    givenProduct(price, stock) {
      const pid = ++lastId;
      neighbours.products.set(pid, { price, stock });
      return pid;
    },
    stockOf: (pid) => neighbours.products.get(pid)?.stock,
    newGid,
    sagaAction,
    sagaCompensate: (gid, request = orderRequest(1n, 1n)) => dtm.createRevert(request, sagaMetadata(gid, 'compensate')),
    async givenOrder(uid, pid, num = 1n, gid = newGid()) {
      const { id } = await sagaAction(gid, orderRequest(uid, pid, num));
      const product = neighbours.products.get(pid);
      if (product) product.stock -= num === 0n ? 1n : num;
      return id;
    },
    async statusOf(id) {
      const [rows] = await pool.query<RowDataPacket[]>('SELECT status FROM `order` WHERE id = ?', [id]);
      return rows[0] && Number(rows[0].status);
    },
    async statusesByGid(gid) {
      const [rows] = await pool.query<RowDataPacket[]>('SELECT status FROM `order` WHERE gid = ?', [gid]);
      return rows.map((row) => Number(row.status));
    },
    async barrierRowsOf(gid) {
      const [rows] = await pool.query<RowDataPacket[]>(
        `SELECT branch_id, op, barrier_id, reason FROM \`barrier\` WHERE gid = ? ORDER BY id`,
        [gid],
      );
      return rows.map((row) => ({ ...row }) as BarrierRow);
    },
    dtmWithDeadline: (deadlineMs) => client('dtm', DTM_TOKEN, deadlineMs),
    async stop() {
      for (const each of [gateway, payRpc, dtm]) each.close();
      await app.stop();
      await pool.end();
      await neighbours.stop();
      await database.drop();
    },
  };
}
