import { z } from 'zod';
import { AppError } from '@mall/rpc';

const required = (otherwise: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : otherwise;

/** A JSON number that is an integer in [min, max]: no strings, no fractions, nothing unsafe. */
export const integer = (min: number, max: number, message = `must be an integer from ${min} to ${max}`) =>
  z
    .number({ error: required(message) })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });

/** A UTF-16 half on its own (`"\ud800"` is valid JSON): UTF-8, and so the database, cannot hold it. */
const LONE_SURROGATE = /\p{Cs}/u;

export const text = (max: number) =>
  z
    .string({ error: required('must be a string') })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !LONE_SURROGATE.test(value), { error: 'must be valid Unicode (a lone surrogate is not)' });

export const id = integer(1, Number.MAX_SAFE_INTEGER, 'must be a positive integer');
/** Stock and amounts: MySQL `int unsigned`. */
export const uint32 = integer(0, 4_294_967_295);
/** Status, gender, source: MySQL `tinyint unsigned`. */
export const uint8 = integer(0, 255);

export const body = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape, { error: 'must be a JSON object' });

/** The `uid` go-zero-mall's clients send in a body: optional, and only ever the signed-in user. */
export const claimedUid = id.optional().describe('optional: if sent, it must be the signed-in user (403 otherwise)');

/** What a handler may build for a reply schema: int64 fields may still be bigint (json.ts writes them as numbers). */
export type Reply<R extends z.ZodType> = Encodable<z.output<R>>;

type Encodable<T> = T extends number
  ? number | bigint
  : T extends readonly (infer Item)[]
    ? Encodable<Item>[]
    : T extends object
      ? { [K in keyof T]: Encodable<T[K]> }
      : T;

/** The answer of a route that only changes something. */
export const emptyReply = z.strictObject({});

/** The answer of a route that creates something. */
export const createdReply = z.object({ id });

/** The parsed body, or INVALID_ARGUMENT naming the first bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path.join('.') || 'body';
  throw new AppError('INVALID_ARGUMENT', `${field}: ${issue?.message ?? 'is invalid'}`);
}
