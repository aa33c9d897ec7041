import { describe, expect, it } from 'vitest';
import type { AppError } from '@mall/rpc';
import { checkCallbackMatches, checkSource } from './rules.js';

const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'OK';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('pay input rules', () => {
  it('takes a source that fits a tinyint unsigned', () => {
    expect(codeOf(() => checkSource(0n))).toBe('OK');
    expect(codeOf(() => checkSource(255n))).toBe('OK');
    expect(codeOf(() => checkSource(256n))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => checkSource(-1n))).toBe('INVALID_ARGUMENT');
  });
});

describe('checkCallbackMatches', () => {
  const payment = { oid: 7n, amount: 300n };

  it("accepts the payment's own order and amount", () => {
    expect(codeOf(() => checkCallbackMatches(payment, { Oid: 7n, Amount: 300n }))).toBe('OK');
  });

  it('refuses another order or another amount (bugs 5 and 6)', () => {
    expect(() => checkCallbackMatches(payment, { Oid: 8n, Amount: 300n })).toThrow(
      'payment does not belong to this order',
    );
    expect(() => checkCallbackMatches(payment, { Oid: 7n, Amount: 299n })).toThrow(
      'paid amount does not match the order amount',
    );
    expect(codeOf(() => checkCallbackMatches(payment, { Oid: 7n, Amount: 0n }))).toBe('INVALID_ARGUMENT');
  });
});
