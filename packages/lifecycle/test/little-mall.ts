// A few of the mall's apps as real processes around an etcd of their own, which tests may pause,
// on a database of their own, with direct lines to both to check what the processes did.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import { ProductService } from '@mall/proto/product';
import { createRpcClient, type RpcClient } from '@mall/rpc';
import { APPS, appEnv, generateSecrets, startApp, type AppName, type RunningApp, type Secrets } from '@mall/stack';
import { createTestDatabase, freePort, startEtcd, type EtcdServer } from '@mall/testing';

export type ProductClient = RpcClient<typeof ProductService>;

export interface LittleMall {
  etcd: EtcdServer;
  /** A client of that etcd, as a peer or an operator would use it. */
  etcdClient: Etcd3;
  /** The mall's database, straight: for row locks and for checking rows. */
  db: mysql.Pool;
  databaseName: string;
  secrets: Secrets;
  /** Starts `app` on a free port; `env` adds to or replaces its usual variables. */
  start(app: AppName, env?: Record<string, string>): Promise<RunningApp>;
  /** `<key>/<leaseId>` → `host:port` of every instance registered under `key`. */
  registered(key: string): Promise<Record<string, string>>;
  /** A product.Product client at `target`, calling as `caller` with that caller's real token. */
  productClient(target: string, caller: 'gateway' | 'dtm', deadlineMs?: number): ProductClient;
  /**
   * Locks the rows `select` (a SELECT … FOR UPDATE) finds, from a connection of the test's own, so
   * that a call needing them waits; the lock holds until `release` commits.
   */
  lockRows(select: string, params: unknown[]): Promise<{ release(): Promise<void> }>;
  /** The product's stock as stored. */
  stockOf(id: bigint): Promise<number | undefined>;
  /** Resolves true once a statement on the database waits for a row lock (a call stuck behind one). */
  lockWaiting(): Promise<boolean>;
  /** Stops every app still running, then the etcd, and drops the database. */
  stop(): Promise<void>;
}

export async function startLittleMall(label: string): Promise<LittleMall> {
  const mysqlUrl = inject('mysqlUrl');
  const [etcd, database, logs] = await Promise.all([
    startEtcd(),
    createTestDatabase(mysqlUrl, `lifecycle_${label}`),
    mkdtemp(join(tmpdir(), `mall-lifecycle-${label}-`)),
  ]);
  const secrets = generateSecrets();
  const etcdClient = new Etcd3({ hosts: `http://${etcd.endpoint}` });
  const db = mysql.createPool({ uri: `${mysqlUrl}/${database.name}`, supportBigNumbers: true, bigNumberStrings: true });
  const running: RunningApp[] = [];
  const clients: ProductClient[] = [];
  const tokens = { gateway: secrets.GATEWAY_RPC_TOKEN, dtm: secrets.DTM_RPC_TOKEN };
  let started = 0;

  return {
    etcd,
    etcdClient,
    db,
    databaseName: database.name,
    secrets,
    async start(app, env = {}) {
      const port = await freePort();
      const addresses = {
        mysqlUrl,
        mysqlDatabase: database.name,
        dtmDatabase: `${database.name}_dtm`,
        barrierTable: `${database.name}.barrier`,
        etcdEndpoints: etcd.endpoint,
        ports: Object.fromEntries(APPS.map(({ name }) => [name, port])) as Record<AppName, number>,
        metricsPorts: Object.fromEntries(APPS.map(({ name }) => [name, 0])),
        dtmHttpPort: await freePort(),
      };
      const output = { file: join(logs, `${app}.${++started}.log`) };
      const child = await startApp(app, { env: { ...appEnv(app, addresses, secrets), ...env }, output });
      running.push(child);
      return child;
    },
    async registered(key) {
      return etcdClient.getAll().prefix(`${key}/`).strings();
    },
    productClient(target, caller, deadlineMs = 10_000) {
      const client = createRpcClient(ProductService, target, { app: caller, token: tokens[caller], deadlineMs });
      clients.push(client);
      return client;
    },
    async lockRows(select, params) {
      const connection = await db.getConnection();
      await connection.beginTransaction();
      await connection.query(select, params);
      return {
        async release() {
          await connection.commit();
          connection.release();
        },
      };
    },
    async stockOf(id) {
      const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT stock FROM product WHERE id = ?', [id]);
      return rows[0] && Number(rows[0].stock);
    },
    async lockWaiting() {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        `SELECT COUNT(*) AS waiting FROM information_schema.INNODB_TRX t
           JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
          WHERE t.trx_state = 'LOCK WAIT' AND p.DB = ?`,
        [database.name],
      );
      return Number(rows[0]?.waiting) > 0;
    },
    async stop() {
      for (const client of clients) client.close();
      await Promise.all(running.map((app) => app.stop()));
      etcdClient.close();
      await db.end();
      await etcd.stop();
      await database.drop();
    },
  };
}
