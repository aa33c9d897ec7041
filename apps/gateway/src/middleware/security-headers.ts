import type { GatewayMiddleware } from '../context.js';

/** Headers every answer carries: JSON is never to be sniffed into something a browser would run. */
export const securityHeaders: GatewayMiddleware = async (ctx, next) => {
  ctx.set('X-Content-Type-Options', 'nosniff');
  await next();
};
