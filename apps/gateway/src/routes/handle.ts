import type { z } from 'zod';
import type { GatewayContext, GatewayMiddleware } from '../context.js';
import { sendJson } from '../json.js';
import { validate, type Reply } from '../schemas/fields.js';

/** A route's handler, carrying the schemas of its body and of its 200 answer (the API reference reads them). */
export type HandledRoute = GatewayMiddleware & { readonly schemas: { request: z.ZodType; reply: z.ZodType } };

/**
 * A route's last middleware: validate the JSON body with `request`, run, answer 200 with the result as
 * JSON. The result is typed by the `reply` schema, so a handler cannot drift from what is documented.
 */
export function handle<S extends z.ZodType, R extends z.ZodType>(
  request: S,
  reply: R,
  run: (input: z.output<S>, ctx: GatewayContext) => Promise<Reply<NoInfer<R>>>,
): HandledRoute {
  const middleware: GatewayMiddleware = async (ctx) => {
    const input = validate(request, ctx.request.body);
    sendJson(ctx, await run(input, ctx));
  };
  return Object.assign(middleware, { schemas: { request, reply } });
}

/** For `optional` proto fields: undefined stays undefined, so the field is not sent. */
export const optionalBig = (value: number | undefined): bigint | undefined =>
  value === undefined ? undefined : BigInt(value);
