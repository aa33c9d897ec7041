import { inject } from 'vitest';
import mysql from 'mysql2/promise';
import { ProductService, type CreateRequest } from '@mall/proto/product';
import { createRpcClient, type RpcClient } from '@mall/rpc';
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

/** A product-rpc on its own database and port, a client for it, and a direct line to its table. */
export interface Harness {
  port: number;
  /** Acts for a user, as the gateway does. */
  client: RpcClient<typeof ProductService>;
  /** Takes and gives back stock, as order-rpc and dtm do. */
  orderRpc: RpcClient<typeof ProductService>;
  dtm: RpcClient<typeof ProductService>;
  /** The stored row, read straight from MariaDB; undefined when there is none. */
  row(id: bigint): Promise<ProductRow | undefined>;
  /** How many products the table holds. */
  count(): Promise<number>;
  /** Creates a product through the service; `overrides` replace the defaults. */
  product(overrides?: Partial<CreateRequest>): Promise<bigint>;
  stop(): Promise<void>;
}

export async function startHarness(prefix: string): Promise<Harness> {
  const database = await createTestDatabase(inject('mysqlUrl'), prefix);
  const config = loadProductRpcConfig({
    PORT: '0',
    LISTEN_HOST: '127.0.0.1',
    MYSQL_URL: inject('mysqlUrl'),
    MYSQL_DATABASE: database.name,
    ETCD_ENDPOINTS: inject('etcdEndpoints'),
    RPC_AUTH_TOKENS: `gateway=${TOKEN},order-rpc=${ORDER_TOKEN},dtm=${DTM_TOKEN}`,
    LOG_LEVEL: 'silent',
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

/** The AppError a call failed with (the test fails if it succeeded or failed otherwise). */
