import type { GatewayMiddleware } from '../context.js';

/** One line per request, written when the response is done, so it carries the final status. */
export function accessLog(): GatewayMiddleware {
  return async (ctx, next) => {
    const { method, path, state } = ctx;
    const level = path === '/healthz' ? 'debug' : 'info';
    // Nothing to time or wait for when the line would not be written.
    if (!state.logger.isLevelEnabled(level)) {
      await next();
      return;
    }
    const started = performance.now();
    ctx.res.once('close', () => {
      const fields = {
        method,
        path,
        status: ctx.res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(ctx.res.writableFinished ? {} : { aborted: true }),
      };
      state.logger[level](fields, 'http');
    });
    await next();
  };
}
