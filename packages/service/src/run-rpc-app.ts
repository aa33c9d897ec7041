import { fileURLToPath } from 'node:url';
import { Etcd3 } from 'etcd3';
import { createPool, ensureDatabase, migrate, type Pool } from '@mall/db';
import { createLogger, type Logger } from '@mall/logger';
import { createMetricsRegistry, createRpcCallMetrics, serveMetrics, type MetricsServer } from '@mall/metrics';
import { publishService, registerEtcdResolver, type Publication } from '@mall/registry';
import { createRpcServer, tokenAuthenticator, type RpcMetrics, type RpcServer } from '@mall/rpc';
import { tracingFromConfig, type Tracing } from '@mall/tracing';
import { advertisedEndpoint } from './advertise.js';
import type { RpcAppConfig } from './rpc-app-config.js';

export interface RpcAppDeps {
  pool: Pool;
  etcd: Etcd3;
  logger: Logger;
  server: RpcServer;
  /** For the app's outgoing clients (`metrics` of createRpcClient): go-zero's `rpc_client_requests_*`. */
  clientMetrics: RpcMetrics;
  /** The app's tracing (off unless configured); its server traces every call, clients take it as `tracing`. */
  tracing: Tracing;
}

export interface RunRpcAppOptions {
  /** App name for logs and migrations, e.g. `user-rpc`. */
  name: string;
  /** etcd key, e.g. `user.rpc`. */
  etcdKey: string;
  config: RpcAppConfig;
  /** The app's `sql/` folder. */
  migrations: URL;
  /** Schema work that is not the app's own migrations, e.g. creating DTM's barrier table. */
  prepare?: (pool: Pool) => Promise<void>;
  /**
   * Adds the app's services to `deps.server`; returns anything to close on shutdown
   * (outgoing clients, background work), after the server has drained and before the pool closes.
   */
  wire: (deps: RpcAppDeps) => (() => void | Promise<void>) | void;
}

export interface RunningRpcApp {
  port: number;
  endpoint: string;
  /** Where `/metrics` is served; undefined when METRICS_PORT is off. */
  metricsPort?: number;
  stop: () => Promise<void>;
}

/**
 * Start-up in dependency order — database and migrations, etcd, server, listen, register — and
 * the reverse on stop: deregister first so no new calls arrive, drain, then close pools.
 */
export async function runRpcApp({
  name,
  etcdKey,
  config,
  migrations,
  prepare,
  wire,
}: RunRpcAppOptions): Promise<RunningRpcApp> {
  const logger = createLogger(name, config.LOG_LEVEL);
  await ensureDatabase(config.MYSQL_URL, config.MYSQL_DATABASE);
  const pool = createPool({
    url: config.MYSQL_URL,
    database: config.MYSQL_DATABASE,
    connectionLimit: config.MYSQL_POOL_SIZE,
  });
  const etcd = new Etcd3({ hosts: config.ETCD_ENDPOINTS });
  let publication: Publication | undefined;
  let closeClients: (() => void | Promise<void>) | void = undefined;
  let closeResolver: (() => void) | undefined;
  const registry = createMetricsRegistry();
  const clientMetrics = createRpcCallMetrics(registry, 'client');
  const tracing = tracingFromConfig(config, name);
  const server = createRpcServer({
    logger,
    authenticate: tokenAuthenticator(config.RPC_AUTH_TOKENS),
    metrics: createRpcCallMetrics(registry, 'server'),
    tracing,
  });
  let metricsServer: MetricsServer | undefined;
  try {
    await migrate(pool, {
      service: name,
      dir: fileURLToPath(migrations),
      log: (message, details) => logger.info(details, message),
    });
    await prepare?.(pool);
    closeResolver = registerEtcdResolver(etcd, logger);
    closeClients = wire({ pool, etcd, logger, server, clientMetrics, tracing });
    if (config.METRICS_PORT !== undefined) {
      metricsServer = await serveMetrics(registry, { host: config.LISTEN_HOST, port: config.METRICS_PORT });
    }
    const port = await server.listen(config.LISTEN_HOST, config.PORT);
    const endpoint = advertisedEndpoint(config.LISTEN_HOST, port, config.ADVERTISE_HOST);
    publication = await publishService(etcd, { key: etcdKey, endpoint, logger });
    const metricsPort = metricsServer?.port;
    logger.info({ port, endpoint, key: etcdKey, metricsPort }, `${name} ready`);
    return {
      port,
      endpoint,
      metricsPort,
      async stop() {
        logger.info('shutting down');
        await publication?.stop();
        await server.shutdown(config.SHUTDOWN_GRACE_MS);
        await closeClients?.();
        closeResolver?.();
        etcd.close();
        await pool.end();
        await metricsServer?.close();
        await tracing.shutdown();
        logger.info('stopped');
      },
    };
  } catch (error) {
    await publication?.stop();
    await server.shutdown(0).catch(() => undefined);
    await closeClients?.();
    closeResolver?.();
    etcd.close();
    await pool.end();
    await metricsServer?.close();
    await tracing.shutdown();
    throw error;
  }
}
