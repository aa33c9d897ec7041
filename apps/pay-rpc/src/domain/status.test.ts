import { describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import { checkPayable, PayStatus, planCallback } from './status.js';

function failure(run: () => unknown): [string, string] | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return [(error as AppError).code, (error as AppError).message];
  }
}

describe('checkPayable', () => {
  const unpaid = { Status: 0n, Amount: 5997n };

  it('accepts the exact amount of an unpaid order', () => {
    expect(failure(() => checkPayable(unpaid, 5997n))).toBeUndefined();
  });

  it('refuses any other amount, naming the right one (bug 5)', () => {
    for (const amount of [0n, 1n, 5996n, 5998n]) {
      expect(failure(() => checkPayable(unpaid, amount))).toEqual([
        'INVALID_ARGUMENT',
        "amount must equal the order's amount (5997)",
      ]);
    }
  });

  it('refuses paid and cancelled orders', () => {
    expect(failure(() => checkPayable({ Status: 1n, Amount: 1n }, 1n))).toEqual([
      'FAILED_PRECONDITION',
      'order is already paid',
    ]);
    expect(failure(() => checkPayable({ Status: 9n, Amount: 1n }, 1n))).toEqual([
      'FAILED_PRECONDITION',
      'order is cancelled',
    ]);
  });
});

describe('planCallback', () => {
  const { Created, Paid, Failed } = PayStatus;

  it('pays a created or failed payment, and ignores a replayed success', () => {
    expect(planCallback(Created, 1n)).toBe('pay');
    expect(planCallback(Failed, 1n)).toBe('pay');
    expect(planCallback(Paid, 1n)).toBe('keep');
  });

  it('records a failure unless the payment already succeeded', () => {
    expect(planCallback(Created, 2n)).toBe('fail');
    expect(planCallback(Failed, 2n)).toBe('fail');
    expect(failure(() => planCallback(Paid, 2n))).toEqual(['FAILED_PRECONDITION', 'payment already succeeded']);
  });

  it('accepts only statuses 1 and 2', () => {
    for (const target of [-1n, 0n, 3n, 9n]) {
      expect(failure(() => planCallback(Created, target))).toEqual([
        'INVALID_ARGUMENT',
        'Status must be 1 (paid) or 2 (failed)',
      ]);
    }
  });
});
