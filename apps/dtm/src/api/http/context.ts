import type { Middleware, ParameterizedContext } from 'koa';

export type DtmContext = ParameterizedContext;
export type DtmMiddleware = Middleware;

/** The body every handler that returns nothing answers with. */
export const SUCCESS_BODY = { dtm_result: 'SUCCESS' };

/** Go's encoder escapes these inside strings; clients comparing bytes expect the same. */
const ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

export function sendJson(ctx: DtmContext, value: unknown, status = 200): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(value).replace(/[<>&]/g, (char) => ESCAPES[char] ?? char);
}
