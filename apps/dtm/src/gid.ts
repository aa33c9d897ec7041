import { randomBytes } from 'node:crypto';

// shortuuid's alphabet: no 0/1/I/O/l, so ids read back unambiguously.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const LENGTH = 22;

/** A random 128-bit id in shortuuid's 22-character base-57 form, as DTM hands out gids and lease owners. */
export function newGid(): string {
  let value = BigInt(`0x${randomBytes(16).toString('hex')}`);
  const base = BigInt(ALPHABET.length);
  let out = '';
  for (let i = 0; i < LENGTH; i++) {
    out = ALPHABET[Number(value % base)]! + out;
    value /= base;
  }
  return out;
}
