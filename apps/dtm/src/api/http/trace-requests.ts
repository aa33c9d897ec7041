import { startHttpServerSpan, type TraceHeaders, type Tracing } from '@mall/tracing';
import type { DtmContext, DtmMiddleware } from './context.js';

interface TracedState {
  trace?: TraceHeaders;
}

/** A server span per API request, named by its route (`POST /api/dtmsvr/submit`); outside the error handler. */
export function traceRequests(tracing: Tracing): DtmMiddleware {
  return async (ctx, next) => {
    if (!tracing.enabled) {
      await next();
      return;
    }
    const span = startHttpServerSpan(tracing, { method: ctx.method, path: ctx.path, header: (name) => ctx.get(name) });
    (ctx.state as TracedState).trace = span.headers;
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      span.end(ctx.status, typeof route === 'string' ? route : undefined);
    }
  };
}

/** The trace context of the request being served: stored with the transaction it creates. */
export const requestTrace = (ctx: DtmContext): TraceHeaders | undefined => (ctx.state as TracedState).trace;
