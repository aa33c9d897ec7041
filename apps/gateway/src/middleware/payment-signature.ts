import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@mall/rpc';
import type { GatewayMiddleware } from '../context.js';

export const SIGNATURE_HEADER = 'X-Pay-Signature';
export const INVALID_SIGNATURE = 'missing or invalid payment signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as the payment provider signs its callbacks. */
export function signPayment(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * Accepts a request only when `X-Pay-Signature` is the provider's signature of the exact body bytes
 * (read by jsonBody before this runs). Compared in constant time.
 */
export function requirePaymentSignature(secret: string): GatewayMiddleware {
  return async (ctx, next) => {
    const given = Buffer.from(ctx.get(SIGNATURE_HEADER));
    const raw = (ctx.request as { rawBody?: string }).rawBody ?? '';
    const expected = Buffer.from(signPayment(secret, raw));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError('UNAUTHENTICATED', INVALID_SIGNATURE);
    }
    await next();
  };
}
