import type { Transaction } from '@mall/db';

/** A transfer between two accounts: the body of every branch and of the raw endpoint. */
export interface Transfer {
  from: number;
  to: number;
  amount: number;
}

export function readTransfer(value: unknown): Transfer {
  const { from, to, amount } = (value ?? {}) as Partial<Record<keyof Transfer, unknown>>;
  const whole = (field: unknown): field is number => typeof field === 'number' && Number.isSafeInteger(field);
  if (!whole(from) || !whole(to) || !whole(amount)) throw new Error('a transfer needs whole numbers from, to, amount');
  return { from, to, amount };
}

/** DTM's TransOut/TransIn business: the balance update and its log row (2 SQL), in the caller's transaction. */
export async function changeBalance(tx: Transaction, account: number, delta: number, ref: string): Promise<void> {
  await tx.query('UPDATE account SET balance = balance + ? WHERE id = ?', [delta, account]);
  await tx.query('INSERT INTO account_log (account_id, delta, ref) VALUES (?, ?, ?)', [account, delta, ref]);
}
