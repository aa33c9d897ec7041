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
}

const invalid = () => new AppError('UNAUTHENTICATED', INVALID_TOKEN);

/** HS256 only, claims exactly `{uid, iat, exp}` as go-zero-mall's jwtx signs them. */
export function createJwt({ secret, ttlSeconds, now = Date.now }: JwtOptions): Jwt {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(uid) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttlSeconds;
      const claims = { uid: Number(uid), iat, exp };
      if (!Number.isSafeInteger(claims.uid) || claims.uid < 1) throw new RangeError(`cannot sign uid ${uid}`);
      const accessToken = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
      return { accessToken, accessExpire: exp };
    },

    async verify(token) {
      const current = now();
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['iat', 'exp'],
        currentDate: new Date(current),
      }).catch(() => {
        throw invalid();
      });
      const { uid, iat } = payload;
      if (typeof uid !== 'number' || !Number.isSafeInteger(uid) || uid < 1) throw invalid();
      if (iat === undefined || iat > Math.floor(current / 1000)) throw invalid();
      return BigInt(uid);
    },
  };
}
