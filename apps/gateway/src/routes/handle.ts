import type { z } from 'zod';
import type { GatewayContext, GatewayMiddleware } from '../context.js';
import { sendJson } from '../json.js';
import { validate } from '../schemas/fields.js';

/** A route's last middleware: validate the JSON body with `schema`, run, answer 200 with the result as JSON. */
export function handle<S extends z.ZodType>(
  schema: S,
  run: (input: z.output<S>, ctx: GatewayContext) => Promise<unknown>,
): GatewayMiddleware {
  return async (ctx) => {
    const input = validate(schema, ctx.request.body);
    sendJson(ctx, await run(input, ctx));
  };
}

/** For `optional` proto fields: undefined stays undefined, so the field is not sent. */
export const optionalBig = (value: number | undefined): bigint | undefined =>
  value === undefined ? undefined : BigInt(value);
