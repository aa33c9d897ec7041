import { isDatabaseUnreachable } from '@mall/db';
import type { Logger } from '@mall/logger';
import { DtmError, STORAGE_UNAVAILABLE } from '../../errors.js';
import { sendJson, type DtmMiddleware } from './context.js';

/** The edge's half of the error vocabulary: DTM's statuses and `dtm_result` bodies (reference §1.1). */
function reply(error: unknown): { status: number; body: Record<string, string> } | undefined {
  if (isDatabaseUnreachable(error)) return { status: 503, body: { message: STORAGE_UNAVAILABLE } };
  if (!(error instanceof DtmError)) return undefined;
  const { message } = error;
  switch (error.kind) {
    case 'FAILURE':
      return { status: 409, body: { dtm_result: 'FAILURE', message } };
    case 'ONGOING':
      return { status: 425, body: { dtm_result: 'ONGOING', message } };
    case 'INVALID':
      // Malformed input: a 4xx that old SDKs, which look for FAILURE in the body, also read as refused.
      return { status: 400, body: { dtm_result: 'FAILURE', message } };
    case 'NOT_FOUND':
      return { status: 404, body: { message } };
  }
}

/** Top of the chain: every failure becomes one JSON answer; unexpected ones are logged, never echoed. */
export function errorHandler(logger: Logger): DtmMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body == null && ctx.status === 404) sendJson(ctx, { message: `no route ${ctx.method} ${ctx.path}` }, 404);
    } catch (error) {
      const known = reply(error);
      if (known?.status === 503) logger.warn({ err: error, path: ctx.path }, STORAGE_UNAVAILABLE);
      if (known) return sendJson(ctx, known.body, known.status);
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      sendJson(ctx, { message: 'internal error' }, 500);
    }
  };
}
