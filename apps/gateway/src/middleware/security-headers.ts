import type { GatewayMiddleware } from '../context.js';

/** For answers that are data, not pages: nothing may be loaded or run, nor the answer framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries: JSON is never to be sniffed into something a browser would run. The API
 * reference page (openapi/docs-router.ts) replaces the policy with one of its own.
 */
export const securityHeaders: GatewayMiddleware = async (ctx, next) => {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', API_CSP);
  await next();
};
