import { bodyParser } from '@koa/bodyparser';
import { AppError } from '@mall/rpc';
import type { GatewayMiddleware } from '../context.js';
import { HttpError } from '../http-errors.js';

export const BODY_LIMIT = 1024 * 1024;

const parser = bodyParser({ enableTypes: ['json'], detectJSON: () => true, jsonLimit: BODY_LIMIT, jsonStrict: true });

function bodyError(error: unknown): Error {
  if ((error as { status?: unknown }).status === 413) {
    return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'request body is larger than 1 MiB');
  }
  if (error instanceof SyntaxError) return new AppError('INVALID_ARGUMENT', 'malformed JSON body');
  return new AppError('INVALID_ARGUMENT', 'unreadable request body');
}

/**
 * Sets `ctx.request.body`: `{}` for an empty body, the parsed JSON when the Content-Type is
 * application/json; any other non-empty body is refused.
 */
export const jsonBody: GatewayMiddleware = async (ctx, next) => {
  const empty = !ctx.request.length && !ctx.get('Transfer-Encoding');
  if (empty) {
    ctx.request.body = {};
  } else if (!ctx.is('application/json')) {
    throw new AppError('INVALID_ARGUMENT', 'body must be JSON (Content-Type: application/json)');
  } else {
    try {
      await parser(ctx, () => Promise.resolve());
    } catch (error) {
      throw bodyError(error);
    }
  }
  await next();
};
