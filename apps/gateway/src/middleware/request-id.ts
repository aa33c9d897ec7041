import { randomUUID } from 'node:crypto';
import type { Logger } from '@mall/logger';
import { logFieldsOf } from '@mall/tracing';
import type { GatewayMiddleware } from '../context.js';
import type { RequestContext } from '../request-context.js';

const ACCEPTABLE = /^[\w.:/+=@-]{1,128}$/;

/**
 * Keeps a sane incoming X-Request-Id (or makes one), echoes it, binds it (with the trace and span ids
 * when traced) to the request's logger, and makes it, with its trace context, the current request for
 * outgoing RPCs.
 */
export function requestId(logger: Logger, context: RequestContext): GatewayMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = ACCEPTABLE.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.logger = logger.child({ requestId: id, ...logFieldsOf(ctx.state.trace) });
    ctx.set('X-Request-Id', id);
    await context.run({ requestId: id, trace: ctx.state.trace }, next);
  };
}
