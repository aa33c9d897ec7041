import { AppError } from './app-error.js';

/** Ids are positive int64s; anything else is the caller's mistake (INVALID_ARGUMENT). */
export function checkId(id: bigint, what = 'id'): void {
  if (id <= 0n) throw new AppError('INVALID_ARGUMENT', `${what} must be a positive integer`);
}
