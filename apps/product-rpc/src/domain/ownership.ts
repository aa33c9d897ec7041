import { AppError } from '@mall/rpc';

/**
 * Why a write guarded by `WHERE id = ? AND uid = ?` touched no row, given the product's real owner
 * (`undefined`: no such product). Products are public to read, so a foreign one is 403, not 404.
 */
export function accessError(owner: bigint | undefined): AppError {
  return owner === undefined
    ? new AppError('NOT_FOUND', 'product not found')
    : new AppError('PERMISSION_DENIED', 'product belongs to another user');
}

export function checkOwner(owner: bigint | undefined, uid: bigint): void {
  if (owner !== uid) throw accessError(owner);
}
