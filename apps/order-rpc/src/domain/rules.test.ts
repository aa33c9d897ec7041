import { describe, expect, it } from 'vitest';
import type { AppError } from '@mall/rpc';
import { checkFixedFields, orderGid, orderNum, sagaOrderGid } from './rules.js';

function failure(run: () => unknown): [string, string] | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return [(error as AppError).code, (error as AppError).message];
  }
}

describe('order input rules', () => {
  it('orders 1 when Num is unset, and 1-1000 otherwise', () => {
    expect(orderNum(0n)).toBe(1);
    expect(orderNum(1n)).toBe(1);
    expect(orderNum(1000n)).toBe(1000);
    expect(failure(() => orderNum(1001n))?.[0]).toBe('INVALID_ARGUMENT');
    expect(failure(() => orderNum(-1n))?.[0]).toBe('INVALID_ARGUMENT');
  });

  it('reads an empty Gid as none and refuses one over 128 characters', () => {
    expect(orderGid('')).toBeNull();
    expect(orderGid('g'.repeat(128))).toBe('g'.repeat(128));
    expect(failure(() => orderGid('g'.repeat(129)))?.[0]).toBe('INVALID_ARGUMENT');
  });

  it("keys a saga's order by the saga's gid, which the request may repeat but not contradict", () => {
    expect(sagaOrderGid('saga-1', '')).toBe('saga-1');
    expect(sagaOrderGid('saga-1', 'saga-1')).toBe('saga-1');
    expect(failure(() => sagaOrderGid('saga-1', 'saga-2'))).toEqual([
      'INVALID_ARGUMENT',
      "Gid must be empty or the calling saga's gid",
    ]);
    expect(failure(() => sagaOrderGid('g'.repeat(129), ''))?.[0]).toBe('INVALID_ARGUMENT');
  });

  it("refuses to change an order's product or amount, but accepts repeating them", () => {
    const order = { pid: 7n, amount: 300n };
    expect(failure(() => checkFixedFields(order, {}))).toBeUndefined();
    expect(failure(() => checkFixedFields(order, { Pid: 7n, Amount: 300n }))).toBeUndefined();
    for (const update of [{ Pid: 8n }, { Amount: 0n }, { Pid: 7n, Amount: 301n }]) {
      expect(failure(() => checkFixedFields(order, update))).toEqual([
        'FAILED_PRECONDITION',
        "an order's product and amount are fixed; cancel it and order again",
      ]);
    }
  });
});
