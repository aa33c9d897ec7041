import { AppError } from '@mall/rpc';

export const MAX_NUM = 1000;
export const MAX_GID_LENGTH = 128;

/** The quantity to order: 0 (unset) means 1. */
export function orderNum(num: bigint): number {
  if (num === 0n) return 1;
  if (num < 1n || num > BigInt(MAX_NUM)) throw new AppError('INVALID_ARGUMENT', `Num must be 1-${MAX_NUM}`);
  return Number(num);
}

function checkGidLength(gid: string): string {
  if (gid.length > MAX_GID_LENGTH) {
    throw new AppError('INVALID_ARGUMENT', `Gid must be at most ${MAX_GID_LENGTH} characters`);
  }
  return gid;
}

/** A Gid naming an order, or null when none is given. */
export function orderGid(gid: string): string | null {
  return checkGidLength(gid) === '' ? null : gid;
}

/** The gid keying the order saga `saga` creates; a Gid in the request may only repeat it. */
export function sagaOrderGid(saga: string, requested: string): string {
  if (requested !== '' && requested !== saga) {
    throw new AppError('INVALID_ARGUMENT', "Gid must be empty or the calling saga's gid");
  }
  return checkGidLength(saga);
}

/** An order's product and amount never change; an update may only repeat them. */
export function checkFixedFields(
  order: { pid: bigint; amount: bigint },
  update: { Pid?: bigint | undefined; Amount?: bigint | undefined },
): void {
  const pidChanges = update.Pid !== undefined && update.Pid !== order.pid;
  const amountChanges = update.Amount !== undefined && update.Amount !== order.amount;
  if (pidChanges || amountChanges) {
    throw new AppError('FAILED_PRECONDITION', "an order's product and amount are fixed; cancel it and order again");
  }
}

/** The one answer for a missing order and for someone else's: other users' orders stay invisible. */
export const orderNotFound = (): AppError => new AppError('NOT_FOUND', 'order not found');
