import { AppError } from '@mall/rpc';

/** The payment method, stored in a tinyint unsigned. */
export function checkSource(source: bigint): void {
  if (source < 0n || source > 255n) throw new AppError('INVALID_ARGUMENT', 'Source must be 0-255');
}

/** The one answer for a missing payment and for someone else's. */
export const paymentNotFound = (): AppError => new AppError('NOT_FOUND', 'payment not found');

/** A callback must name the payment's own order and its exact amount (bug 6). */
export function checkCallbackMatches(
  payment: { oid: bigint; amount: bigint },
  callback: { Oid: bigint; Amount: bigint },
): void {
  if (callback.Oid !== payment.oid) throw new AppError('INVALID_ARGUMENT', 'payment does not belong to this order');
  if (callback.Amount !== payment.amount) {
    throw new AppError('INVALID_ARGUMENT', 'paid amount does not match the order amount');
  }
}
