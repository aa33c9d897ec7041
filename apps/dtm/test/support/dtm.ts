// An in-process DTM server on a throw-away database, with a clock the test moves and the cron run by hand.
import { Etcd3 } from 'etcd3';
import { createLogger } from '@mall/logger';
import { createMetricsRegistry } from '@mall/metrics';
import { registerEtcdResolver } from '@mall/registry';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { createManualClock, type ManualClock } from '../../src/manual-clock.js';
import { startDtmServer, type DtmServer } from '../../src/server.js';
import { openMysqlStore } from '../../src/store/mysql/mysql-store.js';
import type { Store } from '../../src/store/store.js';
import { DEFAULT_SETTINGS } from '../../src/trans/settings.js';

export interface Dtm {
  server: DtmServer;
  store: Store;
  clock: ManualClock;
  database: TestDatabase;
  httpUrl: string;
  grpcTarget: string;
  /** POSTs JSON to /api/dtmsvr/<path>, resolving with the status and parsed body. */
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Global status and `[comp01, action01, comp02, action02…]` statuses. */
  states(gid: string): Promise<{ status: string; branches: string[]; reason: string }>;
  /** Moves the clock forward, then runs cron rounds until nothing is due. */
  cronAfter(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export interface DtmOptions {
  mysqlUrl: string;
  /** An existing database to share with another instance. */
  database?: TestDatabase;
  /** etcd endpoints for `etcd://` branch targets. */
  etcd?: string;
  /** Group-commit lanes; DTM_TEST_WRITE_LANES, or 2 by default (0 runs every write on its own). */
  writeLanes?: number;
  /** Turns the admin console on with this token. */
  adminToken?: string;
}

async function call(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export async function startDtm({
  mysqlUrl,
  database: shared,
  etcd,
  writeLanes = Number(process.env.DTM_TEST_WRITE_LANES ?? 2),
  adminToken,
}: DtmOptions): Promise<Dtm> {
  const logger = createLogger('dtm-test', process.env.DTM_TEST_LOG === '1' ? 'info' : 'silent');
  const database = shared ?? (await createTestDatabase(mysqlUrl, 'dtm'));
  const store = await openMysqlStore({ url: mysqlUrl, database: database.name, poolSize: 10, writeLanes, logger });
  const clock = createManualClock();
  const etcdClient = etcd ? new Etcd3({ hosts: etcd.split(',') }) : undefined;
  if (etcdClient) registerEtcdResolver(etcdClient, logger);
  const server = await startDtmServer({
    store,
    clock,
    logger,
    settings: DEFAULT_SETTINGS,
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    cronIntervalSeconds: 1,
    discovery: etcdClient !== undefined,
    shutdownGraceMs: 1_000,
    adminToken,
    registry: createMetricsRegistry(),
  });
  const httpUrl = `http://127.0.0.1:${server.httpPort}/api/dtmsvr`;
  const dtm: Dtm = {
    server,
    store,
    clock,
    database,
    httpUrl,
    grpcTarget: `127.0.0.1:${server.grpcPort}`,
    post: (path, body) =>
      call(`${httpUrl}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path) => call(`${httpUrl}/${path}`),
    async states(gid) {
      await server.processor.idle();
      const { body } = await dtm.get(`query?gid=${gid}`);
      const trans = body.transaction as Record<string, string> | null;
      const branches = (body.branches as Record<string, string>[]).map((branch) => branch.status!);
      return { status: trans?.status ?? 'none', branches, reason: trans?.rollback_reason ?? '' };
    },
    async cronAfter(seconds) {
      await server.processor.idle();
      clock.advance(seconds);
      while (await server.cron.runOnce());
    },
    async stop() {
      await server.stop();
      etcdClient?.close();
      await store.close();
      if (!shared) await database.drop();
    },
  };
  return dtm;
}
