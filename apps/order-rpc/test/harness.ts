// One order-rpc on a test database, with stand-in neighbours and a client per kind of caller.
import { inject } from 'vitest';
import { createPool, type Pool, type RowDataPacket } from '@mall/db';
import { OrderService } from '@mall/proto/order';
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

export interface Harness {
  neighbours: Neighbours;
  pool: Pool;
  app: Awaited<ReturnType<typeof startOrderRpc>>;
  /** Acts for a user, as the gateway does. */
  gateway: OrderClient;
  /** The only caller of Paid. */
  payRpc: OrderClient;
  /** The only caller of CreateRevert (saga compensations). */
  dtm: OrderClient;
  givenUser(): bigint;
  givenProduct(price: bigint, stock: bigint): bigint;
  stockOf(pid: bigint): bigint | undefined;
  givenOrder(uid: bigint, pid: bigint, num?: bigint, gid?: string): Promise<bigint>;
  statusOf(id: bigint): Promise<number | undefined>;
  /** Another client, as the gateway, with its own deadline. */
  gatewayWithDeadline(deadlineMs: number): OrderClient;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const neighbours = await startNeighbours('order-rpc', ORDER_TOKEN);
  const database = await createTestDatabase(inject('mysqlUrl'), 'order_rpc');
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
  const app = await startOrderRpc(config, `order.rpc.test-${database.name}`);
  const pool = createPool({ url: inject('mysqlUrl'), database: database.name });
  const client = (name: string, token: string, deadlineMs?: number) =>
    createRpcClient(OrderService, `127.0.0.1:${app.port}`, { app: name, token, deadlineMs });
  const gateway = client('gateway', GATEWAY_TOKEN);
  const payRpc = client('pay-rpc', PAY_TOKEN);
  const dtm = client('dtm', DTM_TOKEN);
  let lastId = 100n;

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
    async givenOrder(uid, pid, num = 1n, gid = '') {
      const { id } = await gateway.create({ Uid: uid, Pid: pid, Amount: 0n, Status: 0n, Num: num, Gid: gid });
      return id;
    },
    async statusOf(id) {
      const [rows] = await pool.query<RowDataPacket[]>('SELECT status FROM `order` WHERE id = ?', [id]);
      return rows[0] && Number(rows[0].status);
    },
    gatewayWithDeadline: (deadlineMs) => client('gateway', GATEWAY_TOKEN, deadlineMs),
    async stop() {
      for (const each of [gateway, payRpc, dtm]) each.close();
      await app.stop();
      await pool.end();
      await neighbours.stop();
      await database.drop();
    },
  };
}
