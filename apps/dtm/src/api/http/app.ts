import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '@mall/logger';
import type { Tracing } from '@mall/tracing';
import type { Metrics } from '../../metrics.js';
import type { UseCaseDeps } from '../../usecases/deps.js';
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
  metrics: Metrics;
  logger: Logger;
  tracing?: Tracing | undefined;
}

/** DTM's HTTP API as a Koa app, not listening: `main` (or a test) serves `app.callback()`. */
export function createHttpApp({ useCases, metrics, logger, tracing }: HttpAppDeps): Koa {
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
  service.get('/metrics', (ctx) => {
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = metrics.render();
  });

  app.use(async (ctx, next) => {
    await next();
    const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
    if (typeof route === 'string') metrics.countRequest(route, String(ctx.status));
  });
  if (tracing) app.use(traceRequests(tracing));
  app.use(errorHandler(logger));
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(service.routes());
  return app;
}
