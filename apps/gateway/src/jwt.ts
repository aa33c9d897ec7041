import type { webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { AppError } from '@mall/rpc';

export const INVALID_TOKEN = 'missing or invalid token';

export interface AccessToken {
  accessToken: string;
  /** Absolute expiry, unix seconds. */
  accessExpire: number;
}

export interface Jwt {
  sign(uid: bigint): Promise<AccessToken>;
  /** The token's uid; any problem with the token is UNAUTHENTICATED. */
  verify(token: string): Promise<bigint>;
}

export interface JwtOptions {
  secret: string;
  ttlSeconds: number;
  /** Clock in milliseconds; tests move it. */
  now?: () => number;
  /** How many verified tokens to remember (see createJwt); 0 remembers none. */
  cacheSize?: number;
}

/** What a verified token said: its uid and the times that decide, on each use, whether it still holds. */
interface Verified {
  uid: bigint;
  iat: number;
  exp: number;
}

const invalid = () => new AppError('UNAUTHENTICATED', INVALID_TOKEN);

/** Valid at `seconds`: issued by then (never in the future) and not expired, as jose and verify check them. */
const holdsAt = ({ iat, exp }: Verified, seconds: number) => iat <= seconds && exp > seconds;

/**
 * HS256 only, claims exactly `{uid, iat, exp}` as go-zero-mall's jwtx signs them.
 *
 * A client sends the same token with every request, so the claims of up to `cacheSize` verified
 * tokens are remembered, keyed by the whole token: the same bytes under the same key verify the
 * same way, so only the times are checked again on each use. Only tokens that verified are kept,
 * the oldest going first when full.
 */
export function createJwt({ secret, ttlSeconds, now = Date.now, cacheSize = 10_000 }: JwtOptions): Jwt {
  const bytes = new TextEncoder().encode(secret);
  // Imported once: jose would otherwise import raw bytes on every call.
  let imported: Promise<webcrypto.CryptoKey> | undefined;
  const key = () =>
    (imported ??= crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  const verified = new Map<string, Verified>();

  function remember(token: string, claims: Verified): void {
    if (cacheSize <= 0) return;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
  }

  return {
    async sign(uid) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttlSeconds;
      const claims = { uid: Number(uid), iat, exp };
      if (!Number.isSafeInteger(claims.uid) || claims.uid < 1) throw new RangeError(`cannot sign uid ${uid}`);
      const accessToken = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(await key());
      return { accessToken, accessExpire: exp };
    },

    async verify(token) {
      const current = now();
      const seconds = Math.floor(current / 1000);
      const known = verified.get(token);
      if (known) {
        if (!holdsAt(known, seconds)) throw invalid();
        return known.uid;
      }
      const { payload } = await jwtVerify(token, await key(), {
        algorithms: ['HS256'],
        requiredClaims: ['iat', 'exp'],
        currentDate: new Date(current),
      }).catch(() => {
        throw invalid();
      });
      const { uid, iat, exp, nbf } = payload;
      if (typeof uid !== 'number' || !Number.isSafeInteger(uid) || uid < 1) throw invalid();
      if (iat === undefined || iat > seconds) throw invalid();
      const claims = { uid: BigInt(uid), iat, exp: exp! };
      // A not-before time is never signed here; such a token is verified in full every time.
      if (nbf === undefined) remember(token, claims);
      return claims.uid;
    },
  };
}
