import { describe, expect, it } from 'vitest';
import type { AppError } from '@mall/rpc';
import { paging } from './paging.js';

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'OK';
}

describe('paging', () => {
  it('defaults to the first page of 100 (bug 17)', () => {
    expect(paging(0n, 0n)).toEqual({ limit: 100, offset: 0n });
  });

  it('skips the earlier pages', () => {
    expect(paging(1n, 10n)).toEqual({ limit: 10, offset: 0n });
    expect(paging(3n, 10n)).toEqual({ limit: 10, offset: 20n });
    expect(paging(2n, 1000n)).toEqual({ limit: 1000, offset: 1000n });
  });

  it('rejects negative pages and page sizes outside 1-1000', () => {
    expect(code(() => paging(-1n, 10n))).toBe('INVALID_ARGUMENT');
    expect(code(() => paging(1n, -5n))).toBe('INVALID_ARGUMENT');
    expect(code(() => paging(1n, 1001n))).toBe('INVALID_ARGUMENT');
    expect(code(() => paging(1n, 1000n))).toBe('OK');
  });

  it('rejects a page whose offset MySQL cannot take', () => {
    expect(code(() => paging(2n ** 62n, 1000n))).toBe('INVALID_ARGUMENT');
  });
});
