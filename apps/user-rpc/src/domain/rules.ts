import { AppError } from '@mall/rpc';

export const MOBILE = /^\+?[0-9]{5,20}$/;

export function checkMobile(mobile: string): void {
  if (!MOBILE.test(mobile)) throw new AppError('INVALID_ARGUMENT', 'mobile must be 5-20 digits, optionally after a +');
}

export function checkPassword(password: string): void {
  if (password.length < 6 || password.length > 128) {
    throw new AppError('INVALID_ARGUMENT', 'password must be 6-128 characters');
  }
}

export function checkName(name: string): void {
  if (name.trim().length === 0 || name.length > 255)
    throw new AppError('INVALID_ARGUMENT', 'name must be 1-255 characters');
}

/** 0 unknown, 1 male, 2 female (go-zero-mall stores it in a tinyint and never interprets it). */
export function checkGender(gender: bigint): void {
  if (gender < 0n || gender > 2n) throw new AppError('INVALID_ARGUMENT', 'gender must be 0, 1 or 2');
}
