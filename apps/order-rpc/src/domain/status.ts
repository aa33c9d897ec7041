import { AppError } from '@mall/rpc';

export const OrderStatus = { Unpaid: 0, Paid: 1, Cancelled: 9 } as const;

const KNOWN: readonly bigint[] = [0n, 1n, 9n];

/**
 * What an Update to status `target` does to an order in status `current`: nothing, or cancel it.
 * Paying happens only through Paid, and paid or cancelled orders are final.
 */
export function planStatusChange(current: number, target: bigint): 'keep' | 'cancel' {
  if (!KNOWN.includes(target)) throw new AppError('INVALID_ARGUMENT', 'Status must be 0, 1 or 9');
  const next = Number(target);
  if (next === current) return 'keep';
  if (current === OrderStatus.Paid) throw new AppError('FAILED_PRECONDITION', 'a paid order cannot be changed');
  if (next === OrderStatus.Paid) {
    throw new AppError('FAILED_PRECONDITION', 'an order becomes paid only through its payment');
  }
  if (current === OrderStatus.Cancelled)
    throw new AppError('FAILED_PRECONDITION', 'a cancelled order cannot be reopened');
  return 'cancel';
}

/** What Paid does to an order in status `current`; paying twice is fine, paying a cancelled order is not. */
export function planPaid(current: number): 'keep' | 'pay' {
  if (current === OrderStatus.Paid) return 'keep';
  if (current === OrderStatus.Cancelled) throw new AppError('FAILED_PRECONDITION', 'order is cancelled');
  return 'pay';
}

/** Only cancelled orders may be deleted: an open one still holds stock, a paid one is a record of a sale. */
export function checkRemovable(current: number): void {
  if (current === OrderStatus.Unpaid) throw new AppError('FAILED_PRECONDITION', 'cancel the order before removing it');
  if (current === OrderStatus.Paid) throw new AppError('FAILED_PRECONDITION', 'a paid order cannot be removed');
}
