import { invalid } from '../errors.js';

/**
 * The widths of DTM's columns (sql/001_dtm_storage.sql): characters for the varchars, bytes for the
 * blob. A longer value cannot be stored, so it is refused before anything is written.
 */
export const COLUMN_LIMITS = {
  gid: 128,
  branchId: 128,
  op: 45,
  url: 1024,
  options: 1024,
  customData: 1024,
  queryPrepared: 1024,
  rollbackReason: 1024,
  payloadBytes: 65_535,
} as const;

/** Characters as a utf8mb4 varchar counts them: code points, not UTF-16 units. */
const characters = (value: string) => (value.length <= 1024 ? [...value].length : value.length);

export function checkLength(what: string, value: string, max: number): void {
  if (value.length > max && characters(value) > max) throw invalid(`${what} is longer than ${max} characters`);
}

export function checkPayload(what: string, payload: Buffer): void {
  if (payload.length > COLUMN_LIMITS.payloadBytes) {
    throw invalid(`${what} is larger than ${COLUMN_LIMITS.payloadBytes} bytes`);
  }
}
