import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@mall/logger';
import type { Registry } from '@mall/metrics';
import { createRpcServer } from '@mall/rpc';
import { answerClientErrors } from '@mall/service';
import { pickTraceHeaders, type Tracing } from '@mall/tracing';
import { createAdminConsole } from './api/admin/console.js';
import { createHttpApp } from './api/http/app.js';
import { SERVED_METHODS, dtmHandlers } from './api/grpc/dtm-service.js';
import type { Clock } from './clock.js';
import { createCron, type Cron } from './cron/cron.js';
import { createProcessor, type Processor } from './engine/processor.js';
import { createBranchInvoker } from './invoke/invoker.js';
import { createDtmMetrics } from './metrics.js';
import type { Store } from './store/store.js';
import type { EngineSettings } from './trans/settings.js';

export interface DtmServerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: EngineSettings;
  host: string;
  httpPort: number;
  grpcPort: number;
  cronIntervalSeconds: number;
  /** Transactions the cron resumes at once. */
  cronWorkers?: number;
  /** Whether an etcd resolver is registered, so `etcd://` branch targets can be dialled. */
  discovery: boolean;
  shutdownGraceMs: number;
  /** DTM_ADMIN_TOKEN: turns the admin console at `/admin` on. */
  adminToken?: string;
  /** The app's registry, built in `main`: DTM's families are added to it and served at `/api/metrics`. */
  registry: Registry;
  /** Spans for API calls, passes and branch calls (off unless given and enabled). */
  tracing?: Tracing | undefined;
}

export interface DtmServer {
  httpPort: number;
  grpcPort: number;
  processor: Processor;
  cron: Cron;
  /** Stops the cron, stops taking requests, drains passes in flight, closes branch channels. */
  stop(): Promise<void>;
}

// grpc-js wants an authenticator; DTM's API is open to every client, as DTM's is.
const everyone = () => 'dtm-client';

async function listenHttp(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function closeHttp(server: Server, graceMs: number): Promise<void> {
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  clearTimeout(force);
}

/** Builds the engine and both APIs over `store`, and listens. The cron is built but not started. */
export async function startDtmServer(options: DtmServerOptions): Promise<DtmServer> {
  const { store, clock, logger, settings, tracing } = options;
  const metrics = createDtmMetrics(options.registry);
  const invoker = createBranchInvoker({ discovery: options.discovery });
  const processor = createProcessor({ store, invoker, clock, settings, logger, metrics, tracing });
  const useCases = { store, processor, invoker, clock, settings };
  const cron = createCron({
    store,
    processor,
    clock,
    logger,
    intervalSeconds: options.cronIntervalSeconds,
    leaseSeconds: settings.retryInterval,
    workers: options.cronWorkers,
  });

  const adminConsole = await createAdminConsole({ token: options.adminToken, useCases });
  const app = createHttpApp({ useCases, metrics, registry: options.registry, logger, adminConsole, tracing });
  const handle = app.callback();
  const http = createServer((request, response) => void handle(request, response));
  // Requests Node cannot parse (a query string over 16 KiB) get a JSON message, not a bare status line.
  http.on(
    'clientError',
    answerClientErrors((_code, message) => ({ message })),
  );
  const rpc = createRpcServer({ logger, authenticate: everyone, metrics: metrics.grpc, tracing });
  const callTrace = () => pickTraceHeaders((key) => rpc.inherited()?.metadata?.[key]);
  rpc.addService('dtmgimp.Dtm', SERVED_METHODS, dtmHandlers(useCases, callTrace));

  const httpPort = await listenHttp(http, options.host, options.httpPort);
  let grpcPort: number;
  try {
    grpcPort = await rpc.listen(options.host, options.grpcPort);
  } catch (error) {
    await closeHttp(http, 0);
    throw error;
  }
  return {
    httpPort,
    grpcPort,
    processor,
    cron,
    async stop() {
      await cron.stop();
      await Promise.all([closeHttp(http, options.shutdownGraceMs), rpc.shutdown(options.shutdownGraceMs)]);
      await processor.idle();
      invoker.close();
    },
  };
}
