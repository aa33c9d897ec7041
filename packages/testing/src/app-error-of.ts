import { expect } from 'vitest';
import { AppError } from '@mall/rpc';

/** The AppError `call` rejects with; fails the test if it resolves or rejects with anything else. */
export async function appErrorOf(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
