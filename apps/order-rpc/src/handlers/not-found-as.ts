import { AppError, isAppError } from '@mall/rpc';

/** A `.catch` handler that words a neighbour's NOT_FOUND as `message` and rethrows anything else. */
export const notFoundAs =
  (message: string) =>
  (error: unknown): never => {
    throw isAppError(error) && error.code === 'NOT_FOUND' ? new AppError('NOT_FOUND', message) : error;
  };
