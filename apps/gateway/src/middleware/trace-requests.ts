import { startHttpServerSpan, type Tracing } from '@mall/tracing';
import type { GatewayMiddleware } from '../context.js';

/**
 * A server span per request, named by its route template (`POST /api/order/create`); its headers
 * go on to the calls the request makes (see request-context.ts). It runs outside the error
 * handler, so the span ends with the status the client gets.
 */
export function traceRequests(tracing: Tracing): GatewayMiddleware {
  return async (ctx, next) => {
    if (!tracing.enabled) {
      await next();
      return;
    }
    const span = startHttpServerSpan(tracing, { method: ctx.method, path: ctx.path, header: (name) => ctx.get(name) });
    ctx.state.trace = span.headers;
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      span.end(ctx.status, typeof route === 'string' ? route : undefined);
    }
  };
}
