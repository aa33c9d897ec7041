import { Etcd3 } from 'etcd3';
import { createLogger } from '@mall/logger';
import { createMetricsRegistry } from '@mall/metrics';
import { publishService, registerEtcdResolver, type Publication } from '@mall/registry';
import { onShutdownSignal } from '@mall/service/signals';
import { advertisedEndpoint } from '@mall/service';
import { tracingFromConfig } from '@mall/tracing';
import { systemClock } from './clock.js';
import { loadDtmConfig } from './config.js';
import { createJanitor } from './janitor/janitor.js';
import { startDtmServer } from './server.js';
import { openMysqlStore } from './store/mysql/mysql-store.js';

try {
  const config = loadDtmConfig();
  const logger = createLogger('dtm', config.LOG_LEVEL);
  const tracing = tracingFromConfig(config, 'dtm');
  const store = await openMysqlStore({
    url: config.MYSQL_URL,
    database: config.MYSQL_DATABASE,
    poolSize: config.MYSQL_POOL_SIZE,
    writeLanes: config.MYSQL_WRITE_LANES,
    logger,
  });
  const etcd = config.ETCD_ENDPOINTS ? new Etcd3({ hosts: config.ETCD_ENDPOINTS }) : undefined;
  const closeResolver = etcd ? registerEtcdResolver(etcd, logger) : undefined;

  const server = await startDtmServer({
    store,
    clock: systemClock,
    logger,
    settings: {
      retryInterval: config.RETRY_INTERVAL,
      maxRetryInterval: config.MAX_RETRY_INTERVAL,
      requestTimeout: config.REQUEST_TIMEOUT,
      timeoutToFail: config.TIMEOUT_TO_FAIL,
    },
    host: config.LISTEN_HOST,
    httpPort: config.HTTP_PORT,
    grpcPort: config.GRPC_PORT,
    cronIntervalSeconds: config.TRANS_CRON_INTERVAL,
    cronWorkers: config.CRON_WORKERS,
    discovery: etcd !== undefined,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    adminToken: config.DTM_ADMIN_TOKEN,
    registry: createMetricsRegistry(),
    tracing,
  });
  server.cron.start();
  const janitor =
    config.JANITOR_INTERVAL > 0
      ? createJanitor({
          store,
          clock: systemClock,
          logger,
          intervalSeconds: config.JANITOR_INTERVAL,
          retentionSeconds: config.JANITOR_RETENTION,
        })
      : undefined;
  janitor?.start();
  const endpoint = advertisedEndpoint(config.LISTEN_HOST, server.grpcPort, config.ADVERTISE_HOST);
  let publication: Publication | undefined;
  if (etcd) publication = await publishService(etcd, { key: config.ETCD_KEY, endpoint, logger });
  logger.info(
    {
      httpPort: server.httpPort,
      grpcPort: server.grpcPort,
      endpoint,
      adminConsole: config.DTM_ADMIN_TOKEN ? 'on' : 'off',
    },
    'dtm ready',
  );

  // Stopping waits for the passes in flight, whose branch calls may each take up to REQUEST_TIMEOUT.
  onShutdownSignal(
    async () => {
      logger.info('shutting down');
      await publication?.stop();
      await janitor?.stop();
      await server.stop();
      closeResolver?.();
      etcd?.close();
      await store.close();
      await tracing.shutdown();
      logger.info('stopped');
    },
    config.SHUTDOWN_GRACE_MS + config.REQUEST_TIMEOUT * 1000,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
