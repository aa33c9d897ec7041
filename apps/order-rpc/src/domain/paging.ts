import { AppError } from '@mall/rpc';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
const MAX_OFFSET = 2n ** 63n - 1n;

export interface Paging {
  limit: number;
  offset: bigint;
}

/** LIMIT/OFFSET for page `page` (from 1; 0 means 1) of `pageSize` rows (0 means the default). */
export function paging(page: bigint, pageSize: bigint): Paging {
  const number = page === 0n ? 1n : page;
  const size = pageSize === 0n ? BigInt(DEFAULT_PAGE_SIZE) : pageSize;
  if (number < 1n) throw new AppError('INVALID_ARGUMENT', 'Page must be a positive integer');
  if (size < 1n || size > BigInt(MAX_PAGE_SIZE)) {
    throw new AppError('INVALID_ARGUMENT', `PageSize must be 1-${MAX_PAGE_SIZE}`);
  }
  const offset = (number - 1n) * size;
  if (offset > MAX_OFFSET) throw new AppError('INVALID_ARGUMENT', 'Page is out of range');
  return { limit: Number(size), offset };
}
