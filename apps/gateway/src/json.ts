import type { Context } from 'koa';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

// Go's encoding/json writes these as \u escapes, so a response is safe to embed in HTML.
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  if (value > MAX || value < -MAX) throw new RangeError(`integer ${value} does not fit in a JSON number`);
  return Number(value);
}

/** JSON with int64 (bigint) values as numbers, escaped like Go's encoder. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer).replace(/[<>&\u2028\u2029]/g, (char) => ESCAPES[char] ?? char);
}

export function sendJson(ctx: Context, value: unknown, status = 200): void {
  const body = toJson(value);
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = body;
}
