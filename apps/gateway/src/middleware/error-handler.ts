import { AppError } from '@mall/rpc';
import type { Logger } from '@mall/logger';
import type { GatewayContext, GatewayMiddleware } from '../context.js';
import { HttpError, toHttpFailure } from '../http-errors.js';
import { sendJson } from '../json.js';

/** What the router leaves behind when no route answered: an empty 404, or 405/501 with an Allow header. */
function unrouted(ctx: GatewayContext): Error | undefined {
  if (ctx.body != null || ![404, 405, 501].includes(ctx.status)) return undefined;
  const allow = ctx.response.get('Allow');
  if (allow) return new HttpError(405, 'METHOD_NOT_ALLOWED', `use ${allow}`);
  return new AppError('NOT_FOUND', 'no such route');
}

/** Top of the chain: every failure becomes JSON `{code, message}`; internal detail goes only to the log. */
export function errorHandler(logger: Logger): GatewayMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      const leftover = unrouted(ctx);
      if (leftover) throw leftover;
    } catch (error) {
      const failure = toHttpFailure(error);
      if (failure.hidden) {
        const log = ctx.state.logger ?? logger;
        const fields = { err: error, method: ctx.method, path: ctx.path };
        if (failure.status === 503) log.warn(fields, 'upstream unavailable');
        else log.error(fields, 'request failed');
      }
      sendJson(ctx, failure.body, failure.status);
    }
  };
}
