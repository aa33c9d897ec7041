import { describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import { MAX_AMOUNT, orderAmount } from './amount.js';

describe('orderAmount', () => {
  it('is the price times the quantity (bug 5)', () => {
    expect(orderAmount(1999n, 1)).toBe(1999n);
    expect(orderAmount(1999n, 3)).toBe(5997n);
    expect(orderAmount(0n, 5)).toBe(0n);
  });

  it('accepts the column maximum and refuses anything above it', () => {
    expect(orderAmount(MAX_AMOUNT, 1)).toBe(MAX_AMOUNT);
    expect(() => orderAmount(MAX_AMOUNT, 2)).toThrow(AppError);
    try {
      orderAmount(2_000_000_000n, 3);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('INVALID_ARGUMENT');
    }
  });
});
