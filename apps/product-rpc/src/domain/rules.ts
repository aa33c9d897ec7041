import { AppError } from '@mall/rpc';

/** The column limits: `int(10) unsigned` for stock and amount, `tinyint(3) unsigned` for status. */
export const MAX_UINT32 = 4_294_967_295n;
export const MAX_STATUS = 255n;
/** The most one stock call may take or give back. */
export const MAX_NUM = 1_000_000n;

/** Length in characters (code points), as a utf8mb4 `varchar(255)` counts them. */
const characters = (text: string): number => [...text].length;

export function checkName(name: string): void {
  if (name.trim().length === 0 || characters(name) > 255) {
    throw new AppError('INVALID_ARGUMENT', 'Name must be 1-255 characters, not blank');
  }
}

export function checkDesc(desc: string): void {
  if (characters(desc) > 255) throw new AppError('INVALID_ARGUMENT', 'Desc must be at most 255 characters');
}

export function checkUint32(value: bigint, what: 'Stock' | 'Amount'): void {
  if (value < 0n || value > MAX_UINT32) throw new AppError('INVALID_ARGUMENT', `${what} must be 0-${MAX_UINT32}`);
}

export function checkStatus(status: bigint): void {
  if (status < 0n || status > MAX_STATUS) throw new AppError('INVALID_ARGUMENT', `Status must be 0-${MAX_STATUS}`);
}

export function checkNum(num: bigint): void {
  if (num < 1n || num > MAX_NUM) throw new AppError('INVALID_ARGUMENT', `num must be 1-${MAX_NUM}`);
}
