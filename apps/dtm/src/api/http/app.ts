import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '@mall/logger';
import type { Registry } from '@mall/metrics';
import type { Tracing } from '@mall/tracing';
import { apiName, type DtmMetrics } from '../../metrics.js';
import type { UseCaseDeps } from '../../usecases/deps.js';
import type { AdminConsole } from '../admin/console.js';
import { sendJson } from './context.js';
import { errorHandler } from './error-handler.js';
import { branchRoutes } from './routes/branches.js';
import { cronRoutes } from './routes/cron.js';
import { kvRoutes } from './routes/kv.js';
import { queryRoutes } from './routes/queries.js';
import { transactionRoutes } from './routes/transactions.js';
import { traceRequests } from './trace-requests.js';

export interface HttpAppDeps {
  useCases: UseCaseDeps;
  metrics: DtmMetrics;
  /** What `/api/metrics` answers: DTM's families and the process metrics. */
  registry: Registry;
  logger: Logger;
  /** The admin console at `/admin` (src/api/admin), on or off. */
  adminConsole?: AdminConsole;
  tracing?: Tracing | undefined;
}

/** DTM's HTTP API as a Koa app, not listening: `main` (or a test) serves `app.callback()`. */
export function createHttpApp({ useCases, metrics, registry, logger, adminConsole, tracing }: HttpAppDeps): Koa {
  const app = new Koa();
  app.on('error', (error: unknown) => logger.error({ err: error }, 'koa error outside the error handler'));

  const api = new Router({ prefix: '/api/dtmsvr' });
  for (const routes of [
    transactionRoutes(useCases),
    branchRoutes(useCases),
    queryRoutes(useCases),
    cronRoutes(useCases),
    kvRoutes(useCases.store),
  ]) {
    api.use(routes.routes());
  }
  const service = new Router({ prefix: '/api' });
  service.all('/ping', (ctx) => sendJson(ctx, { msg: 'pong' }));
  service.get('/metrics', async (ctx) => {
    ctx.body = await registry.metrics();
    ctx.type = registry.contentType;
  });

  // As DTM counts its HTTP API: by route (never the raw URL), `fail` for any status from 400 up.
  app.use(async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const api = typeof route === 'string' ? apiName(route) : 'unmatched';
      metrics.requestServed('http', api, ctx.status < 400, (performance.now() - started) / 1000);
    }
  });
  if (tracing) app.use(traceRequests(tracing));
  app.use(errorHandler(logger));
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(service.routes());
  adminConsole?.mount(app);
  return app;
}
