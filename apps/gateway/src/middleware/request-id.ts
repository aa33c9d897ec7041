import { randomUUID } from 'node:crypto';
import type { Logger } from '@mall/logger';
import type { GatewayMiddleware } from '../context.js';

const ACCEPTABLE = /^[\w.:/+=@-]{1,128}$/;

/** Keeps a sane incoming X-Request-Id (or makes one), echoes it, and binds it to the request's logger. */
export function requestId(logger: Logger): GatewayMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = ACCEPTABLE.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.logger = logger.child({ requestId: id });
    ctx.set('X-Request-Id', id);
    await next();
  };
}
