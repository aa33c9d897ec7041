import { AppError } from '@mall/rpc';

export const PayStatus = { Created: 0, Paid: 1, Failed: 2 } as const;

/** order-rpc's statuses, as order.DetailResponse.Status carries them. */
export const OrderStatus = { Unpaid: 0, Paid: 1, Cancelled: 9 } as const;

/** A payment can be opened only for an unpaid order, for exactly the order's amount (bug 5). */
export function checkPayable(order: { Status: bigint; Amount: bigint }, amount: bigint): void {
  if (order.Status === BigInt(OrderStatus.Paid)) throw new AppError('FAILED_PRECONDITION', 'order is already paid');
  if (order.Status === BigInt(OrderStatus.Cancelled)) throw new AppError('FAILED_PRECONDITION', 'order is cancelled');
  if (amount !== order.Amount) {
    throw new AppError('INVALID_ARGUMENT', `amount must equal the order's amount (${order.Amount})`);
  }
}

/**
 * What a callback reporting `target` (1 paid, 2 failed) does to a payment in status `current`:
 * nothing (a replayed success), pay, or record the failure. A success is final.
 */
export function planCallback(current: number, target: bigint): 'keep' | 'pay' | 'fail' {
  if (target === BigInt(PayStatus.Paid)) return current === PayStatus.Paid ? 'keep' : 'pay';
  if (target !== BigInt(PayStatus.Failed))
    throw new AppError('INVALID_ARGUMENT', 'Status must be 1 (paid) or 2 (failed)');
  if (current === PayStatus.Paid) throw new AppError('FAILED_PRECONDITION', 'payment already succeeded');
  return 'fail';
}
