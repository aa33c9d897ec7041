import { AppError } from '@mall/rpc';

/** The largest value of the `amount` column (int unsigned). */
export const MAX_AMOUNT = 4_294_967_295n;

/** What an order costs: always the product's price times the quantity, never a client's figure. */
export function orderAmount(price: bigint, num: number): bigint {
  const amount = price * BigInt(num);
  if (amount < 0n || amount > MAX_AMOUNT) {
    throw new AppError('INVALID_ARGUMENT', `the order amount must be at most ${MAX_AMOUNT}; order fewer`);
  }
  return amount;
}
