import { AppError } from '@mall/rpc';

/** Which branch call is being served: DTM sends these four with every call. */
export interface TransInfo {
  transType: string;
  gid: string;
  branchId: string;
  op: string;
}

/**
 * Reads the four values through `read`, using `keys` for the names they travel under. Every one
 * must be present and non-empty.
 */
export function readTransInfo(
  read: (key: string) => string | undefined,
  keys: Record<keyof TransInfo, string>,
): TransInfo {
  const info = {} as TransInfo;
  const missing: string[] = [];
  for (const field of Object.keys(keys) as (keyof TransInfo)[]) {
    const value = read(keys[field]);
    if (value) info[field] = value;
    else missing.push(keys[field]);
  }
  if (missing.length > 0) throw new AppError('INVALID_ARGUMENT', `invalid trans info: missing ${missing.join(', ')}`);
  return info;
}
