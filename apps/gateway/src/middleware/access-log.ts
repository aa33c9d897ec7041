import type { GatewayMiddleware } from '../context.js';

/** One line per request, written when the response is done, so it carries the final status. */
export function accessLog(): GatewayMiddleware {
  return async (ctx, next) => {
    const started = performance.now();
    const { method, path } = ctx;
    ctx.res.once('close', () => {
      const fields = {
        method,
        path,
        status: ctx.res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(ctx.res.writableFinished ? {} : { aborted: true }),
      };
      if (path === '/healthz') ctx.state.logger.debug(fields, 'http');
      else ctx.state.logger.info(fields, 'http');
    });
    await next();
  };
}
