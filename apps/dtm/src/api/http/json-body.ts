import { bodyParser } from '@koa/bodyparser';
import { invalid } from '../../errors.js';
import type { DtmMiddleware } from './context.js';

const LIMIT = 4 * 1024 * 1024;

// Go's DTM decodes the body whatever its Content-Type says, and so do we.
const parser = bodyParser({ enableTypes: ['json'], detectJSON: () => true, jsonLimit: LIMIT, jsonStrict: true });

/** Sets `ctx.request.body` to the parsed JSON object; anything else is refused as malformed. */
export const jsonBody: DtmMiddleware = async (ctx, next) => {
  try {
    await parser(ctx, () => Promise.resolve());
  } catch (error) {
    if ((error as { status?: unknown }).status === 413) throw invalid('request body is larger than 4 MiB');
    throw invalid('malformed JSON body');
  }
  const body: unknown = ctx.request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body must be a JSON object');
  await next();
};
