import { Router } from '@koa/router';
import Koa from 'koa';
import type { Logger } from '@mall/logger';
import type { HttpRequestMetrics } from '@mall/metrics';
import type { Tracing } from '@mall/tracing';
import type { Clients } from './clients.js';
import type { GatewayState } from './context.js';
import { sendJson } from './json.js';
import type { Jwt } from './jwt.js';
import type { OrderSagas } from './orders/order-saga.js';
import type { RequestContext } from './request-context.js';
import { accessLog } from './middleware/access-log.js';
import { requireUser } from './middleware/auth.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestId } from './middleware/request-id.js';
import { requestMetrics } from './middleware/request-metrics.js';
import { securityHeaders } from './middleware/security-headers.js';
import { docsRouter } from './openapi/docs-router.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { traceRequests } from './middleware/trace-requests.js';
import { orderRouter } from './routes/order.js';
import { payRouter } from './routes/pay.js';
import { productRouter } from './routes/product.js';
import { userRouter } from './routes/user.js';

export interface AppDeps {
  logger: Logger;
  jwt: Jwt;
  clients: Clients;
  orderSagas: OrderSagas;
  requestContext: RequestContext;
  /** A server span per request (off unless configured). */
  tracing?: Tracing;
  /** See CreateOrderOptions.faultInjection. */
  faultInjection?: boolean;
  /** See PayRouterOptions.callbackSecret. */
  payCallbackSecret?: string;
  /** Counts and times every request by route (go-zero's `http_server_requests_*`); unmeasured without. */
  httpMetrics?: HttpRequestMetrics;
}

/** The HTTP API as a Koa app, not listening: `main` (or a test) serves `app.callback()`. */
export function createApp({
  logger,
  jwt,
  clients,
  orderSagas,
  requestContext,
  tracing,
  faultInjection = false,
  payCallbackSecret,
  httpMetrics,
}: AppDeps): Koa<GatewayState> {
  const app = new Koa<GatewayState>();
  app.on('error', (error: unknown) => logger.error({ err: error }, 'koa error outside the error handler'));

  const auth = requireUser(jwt);
  const router = new Router<GatewayState>();
  router.get('/healthz', (ctx) => sendJson(ctx, { status: 'ok' }));
  router.use(userRouter({ user: clients.user, jwt, requireUser: auth }).routes());
  router.use(productRouter(clients.product, auth).routes());
  router.use(orderRouter(clients.order, orderSagas, auth, { faultInjection }).routes());
  router.use(payRouter(clients.pay, auth, { callbackSecret: payCallbackSecret }).routes());
  const reference = buildOpenApiDocument({ signedPayCallback: Boolean(payCallbackSecret), faultInjection });
  router.use(docsRouter(reference).routes());

  if (httpMetrics) app.use(requestMetrics(httpMetrics));
  app.use(securityHeaders);
  if (tracing) app.use(traceRequests(tracing));
  app.use(errorHandler(logger));
  app.use(requestId(logger, requestContext));
  app.use(accessLog());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
