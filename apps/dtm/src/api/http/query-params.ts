import { invalid } from '../../errors.js';
import type { DtmContext } from './context.js';

/** A single query parameter, or '' when absent. */
export function param(ctx: DtmContext, name: string): string {
  const value = ctx.query[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** A whole-number query parameter; `fallback` when absent or 0. */
export function intParam(ctx: DtmContext, name: string, fallback: number, max = 1_000_000_000): number {
  const raw = param(ctx, name);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw invalid(`${name} must be a whole number`);
  return value === 0 ? fallback : value;
}

/** A time given as epoch milliseconds, as DTM's admin UI sends it. */
export function millisParam(ctx: DtmContext, name: string): Date | undefined {
  const raw = param(ctx, name);
  if (raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw invalid(`${name} must be epoch milliseconds`);
  return new Date(value);
}
