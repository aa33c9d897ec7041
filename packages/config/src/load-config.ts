import type { z } from 'zod';

/** A configuration problem, worded as the one line an operator needs to fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * Validates `env` against `schema` once, at start-up. Empty strings count as unset, so a
 * `FOO=` line in an env file falls back to the default instead of failing a number parse.
 */
export function loadConfig<S extends z.ZodType>(app: string, schema: S, env: Env): z.output<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(`${app}: invalid configuration: ${problems.join('; ')}`);
}
