import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import mysql from 'mysql2/promise';
import type { Metadata } from '@grpc/grpc-js';
import { branchMetadata as sagaBranchMetadata } from '@mall/dtm-client';
import { ProductService, type CreateRequest, type DecrStockRequest, type DecrStockResponse } from '@mall/proto/product';
import { createRpcClient, FAULT_KEY, type RpcClient } from '@mall/rpc';
import { createTestDatabase } from '@mall/testing';
import { startProductRpc } from '../src/app.js';
import { loadProductRpcConfig } from '../src/config.js';

export const TOKEN = 'gateway-test-token-0123456789';
const ORDER_TOKEN = 'order-rpc-test-token-0123456789';
const DTM_TOKEN = 'dtm-test-token-0123456789';

export interface ProductRow {
  id: string;
  name: string;
  desc: string;
  stock: number;
  amount: number;
  status: number;
  uid: string;
}

/** A row of the barrier table, as DTM's schema names its columns. */
export interface BarrierRow {
  trans_type: string;
  gid: string;
  branch_id: string;
  op: string;
  barrier_id: string;
  reason: string;
}

/** A gid no other test uses. */
export const newGid = (): string => `test-${randomUUID()}`;

/**
 * The metadata DTM sends with a saga branch call: `op` is `action` or `compensate`, the branch id
 * DTM's default for the second saga step; `fault` adds the tutorial's fault header.
 */
export function branchMetadata(gid: string, op: 'action' | 'compensate', fault?: string): Metadata {
  const metadata = sagaBranchMetadata({ gid, transType: 'saga', branchId: '02', op });
  if (fault !== undefined) metadata.set(FAULT_KEY, fault);
  return metadata;
}

export interface HarnessOptions {
  /** FAULT_INJECTION for the service; off unless given. */
  faultInjection?: boolean;
}

/** A product-rpc on its own database and port, a client for it, and a direct line to its table. */
export interface Harness {
  port: number;
  /** Acts for a user, as the gateway does. */
  client: RpcClient<typeof ProductService>;
  /** Gives stock back directly, as order-rpc does when it cancels an order. */
  orderRpc: RpcClient<typeof ProductService>;
  /** Calls the saga branches, as the DTM server does (with branchMetadata). */
  dtm: RpcClient<typeof ProductService>;
  /** The stored row, read straight from MariaDB; undefined when there is none. */
  row(id: bigint): Promise<ProductRow | undefined>;
  /** DecrStock as DTM calls it: the action of saga `gid` (a fresh one unless given). */
  action(request: DecrStockRequest, gid?: string, fault?: string): Promise<DecrStockResponse>;
  /** DecrStockRevert as DTM calls it: the compensation of saga `gid`. */
  compensate(request: DecrStockRequest, gid: string): Promise<DecrStockResponse>;
  /** The barrier rows of saga `gid`, in the order they were written. */
  barrierRows(gid: string): Promise<BarrierRow[]>;
  /** How many products the table holds. */
  count(): Promise<number>;
  /** Creates a product through the service; `overrides` replace the defaults. */
  product(overrides?: Partial<CreateRequest>): Promise<bigint>;
  stop(): Promise<void>;
}

export async function startHarness(prefix: string, { faultInjection = false }: HarnessOptions = {}): Promise<Harness> {
  const database = await createTestDatabase(inject('mysqlUrl'), prefix);
  const config = loadProductRpcConfig({
    PORT: '0',
    METRICS_PORT: '0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    ETCD_ENDPOINTS: inject('etcdEndpoints'),
    RPC_AUTH_TOKENS: `gateway=${TOKEN},order-rpc=${ORDER_TOKEN},dtm=${DTM_TOKEN}`,
    LOG_LEVEL: 'silent',
    BARRIER_TABLE: `${database.name}.barrier`,
    FAULT_INJECTION: faultInjection ? 'on' : 'off',
  });
  const app = await startProductRpc(config, `product.rpc.test-${database.name}`);
  const target = `127.0.0.1:${app.port}`;
  const client = createRpcClient(ProductService, target, { app: 'gateway', token: TOKEN });
  const orderRpc = createRpcClient(ProductService, target, { app: 'order-rpc', token: ORDER_TOKEN });
  const dtm = createRpcClient(ProductService, target, { app: 'dtm', token: DTM_TOKEN });
  const db = mysql.createPool({
    uri: `${inject('mysqlUrl')}/${database.name}`,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  return {
    port: app.port,
    client,
    orderRpc,
    dtm,
    async row(id) {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT id, name, `desc`, stock, amount, status, uid FROM product WHERE id = ?',
        [id],
      );
      return rows[0] as ProductRow | undefined;
    },
    action: (request, gid = newGid(), fault) => dtm.decrStock(request, branchMetadata(gid, 'action', fault)),
    compensate: (request, gid) => dtm.decrStockRevert(request, branchMetadata(gid, 'compensate')),
    async barrierRows(gid) {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT trans_type, gid, branch_id, op, barrier_id, reason FROM barrier WHERE gid = ? ORDER BY id',
        [gid],
      );
      return rows as BarrierRow[];
    },
    async count() {
      const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM product');
      return Number(rows[0]!.n);
    },
    async product(overrides = {}) {
      const request = { Name: 'phone', Desc: 'a phone', Stock: 10n, Amount: 1999n, Status: 1n, Uid: 1n, ...overrides };
      return (await client.create(request)).id;
    },
    async stop() {
      client.close();
      orderRpc.close();
      dtm.close();
      await app.stop();
      await db.end();
      await database.drop();
    },
  };
}
