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

/** The parsed body, or INVALID_ARGUMENT naming the first bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path.join('.') || 'body';
  throw new AppError('INVALID_ARGUMENT', `${field}: ${issue?.message ?? 'is invalid'}`);
}
