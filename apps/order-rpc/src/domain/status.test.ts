import { describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import { checkRemovable, OrderStatus, planPaid, planStatusChange } from './status.js';

const { Unpaid, Paid, Cancelled } = OrderStatus;

function refusal(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return [(error as AppError).code, (error as AppError).message];
  }
  throw new Error('expected an AppError');
}

describe('planStatusChange', () => {
  it('cancels an unpaid order', () => {
    expect(planStatusChange(Unpaid, 9n)).toBe('cancel');
  });

  it('keeps an order whose status is set to what it already is, 0 included (bug 3)', () => {
    expect(planStatusChange(Unpaid, 0n)).toBe('keep');
    expect(planStatusChange(Paid, 1n)).toBe('keep');
    expect(planStatusChange(Cancelled, 9n)).toBe('keep');
  });

  it('never marks an order paid', () => {
    expect(refusal(() => planStatusChange(Unpaid, 1n))).toEqual([
      'FAILED_PRECONDITION',
      'an order becomes paid only through its payment',
    ]);
    expect(refusal(() => planStatusChange(Cancelled, 1n))[0]).toBe('FAILED_PRECONDITION');
  });

  it('never reopens a cancelled order', () => {
    expect(refusal(() => planStatusChange(Cancelled, 0n))).toEqual([
      'FAILED_PRECONDITION',
      'a cancelled order cannot be reopened',
    ]);
  });

  it('never changes a paid order', () => {
    for (const target of [0n, 9n]) {
      expect(refusal(() => planStatusChange(Paid, target))).toEqual([
        'FAILED_PRECONDITION',
        'a paid order cannot be changed',
      ]);
    }
  });

  it('rejects statuses outside 0, 1 and 9', () => {
    for (const target of [-1n, 2n, 8n, 10n, 255n]) {
      expect(refusal(() => planStatusChange(Unpaid, target))).toEqual(['INVALID_ARGUMENT', 'Status must be 0, 1 or 9']);
    }
  });
});

describe('planPaid', () => {
  it('pays an unpaid order and accepts paying a paid one again', () => {
    expect(planPaid(Unpaid)).toBe('pay');
    expect(planPaid(Paid)).toBe('keep');
  });

  it('refuses to pay a cancelled order (bug 6)', () => {
    expect(refusal(() => planPaid(Cancelled))).toEqual(['FAILED_PRECONDITION', 'order is cancelled']);
  });
});

describe('checkRemovable', () => {
  it('lets only cancelled orders go', () => {
    expect(() => checkRemovable(Cancelled)).not.toThrow();
    expect(refusal(() => checkRemovable(Unpaid))).toEqual([
      'FAILED_PRECONDITION',
      'cancel the order before removing it',
    ]);
    expect(refusal(() => checkRemovable(Paid))).toEqual(['FAILED_PRECONDITION', 'a paid order cannot be removed']);
  });
});
