import type { RouterContext } from '@koa/router';
import type { HttpRequestMetrics } from '@mall/metrics';
import type { GatewayMiddleware } from '../context.js';

/** The label of every request no route matched, so scanners cannot grow the series without bound. */
export const UNMATCHED = 'unmatched';

/**
 * The route template a request matched (`/api/order/create`), never its raw URL. A route matched by
 * path but not by method (a 405) keeps its template; a path no route knows gets UNMATCHED.
 */
export function routeTemplate(ctx: Pick<RouterContext, 'matched' | 'method'>): string {
  const routes = (ctx.matched ?? []).filter((layer) => layer.methods.length > 0);
  const route = routes.find((layer) => layer.methods.includes(ctx.method)) ?? routes[0];
  return typeof route?.path === 'string' ? route.path : UNMATCHED;
}

/** Counts and times every request by route template, method and final status (go-zero's http families). */
export function requestMetrics(metrics: HttpRequestMetrics): GatewayMiddleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      metrics.observe(routeTemplate(ctx), ctx.method, ctx.status, performance.now() - started);
    }
  };
}
