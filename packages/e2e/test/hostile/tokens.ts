// Forged, broken and tampered JWTs. Each names a real user, so accepting one would act as that user.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { b64, forge, now } from '../forge-token.js';

const HS256 = { alg: 'HS256', typ: 'JWT' };

/** Claims that would be valid for `uid` right now. */
const fresh = (uid: number) => ({ uid, iat: now() - 10, exp: now() + 600 });

const sign = (unsigned: string, secret: string, hash = 'sha256') =>
  createHmac(hash, secret).update(unsigned).digest('base64url');

/** Swaps one segment of a signed token for another, keeping the rest (and so the old signature). */
const swap = (token: string, index: number, segment: string) =>
  token
    .split('.')
    .map((part, at) => (at === index ? segment : part))
    .join('.');

/** Changes one character inside the signature (not the last: its low bits do not count in base64url). */
function flip(token: string, position: number): string {
  const [header, payload, signature = ''] = token.split('.');
  const at = position % (signature.length - 1);
  const replacement = signature[at] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, at)}${replacement}${signature.slice(at + 1)}`;
}

/** A `uid` claim that is not a positive safe integer. */
const badUid = fc.constantFrom<unknown>(
  0,
  -1,
  -0,
  1.5,
  '1',
  '',
  null,
  true,
  [1],
  { id: 1 },
  2 ** 53,
  1e308,
  -1e308,
  '1 OR 1=1',
);

const times = fc.integer({ min: 5, max: 10 ** 9 });

/** Every way a token must fail, for a request by `uid` (whose own valid token is `valid`). */
export function hostileToken(uid: number, victim: number, secret: string): fc.Arbitrary<string> {
  const valid = forge(HS256, fresh(uid), secret);
  return fc.oneof(
    // alg "none", in any case, with no, an empty, or the real signature.
    fc.tuple(fc.constantFrom('none', 'None', 'NONE', 'nOnE'), fc.constantFrom('', '.', 'real')).map(([alg, tail]) => {
      const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(fresh(victim))}`;
      return tail === 'real' ? `${unsigned}.${sign(unsigned, secret)}` : `${unsigned}${tail === '.' ? '.' : ''}`;
    }),
    // The right secret under another algorithm, or an asymmetric alg signed with the secret (alg confusion).
    fc.constantFrom('HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'hs256', 'HS256 ').map((alg) => {
      const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(fresh(uid))}`;
      const hash = alg === 'HS384' ? 'sha384' : alg === 'HS512' ? 'sha512' : 'sha256';
      return `${unsigned}.${sign(unsigned, secret, hash)}`;
    }),
    // The wrong secret (a near miss included).
    fc
      .oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.constant(`${secret}x`), fc.constant(secret.slice(1)))
      .filter((other) => other !== secret)
      .map((other) => forge(HS256, fresh(uid), other)),
    // Expired, issued in the future, not valid yet.
    times.map((ago) => forge(HS256, { uid, iat: now() - ago - 600, exp: now() - ago }, secret)),
    times.map((ahead) => forge(HS256, { uid, iat: now() + ahead, exp: now() + ahead + 600 }, secret)),
    times.map((ahead) => forge(HS256, { ...fresh(uid), nbf: now() + ahead }, secret)),
    // Missing or malformed claims.
    fc
      .constantFrom('uid', 'iat', 'exp')
      .map((missing) =>
        forge(HS256, Object.fromEntries(Object.entries(fresh(uid)).filter(([key]) => key !== missing)), secret),
      ),
    badUid.map((bad) => forge(HS256, { ...fresh(uid), uid: bad }, secret)),
    fc
      .constantFrom('exp', 'iat')
      .chain((claim) =>
        fc
          .constantFrom<unknown>('soon', null, [1], String(now() + 600), Infinity)
          .map((bad) => forge(HS256, { ...fresh(uid), [claim]: bad }, secret)),
      ),
    // Signed claims that are not an object, or a header that is not.
    fc
      .constantFrom<unknown>([uid], uid, 'uid', null)
      .map((claims) => `${b64(HS256)}.${b64(claims)}.${sign(`${b64(HS256)}.${b64(claims)}`, secret)}`),
    // Tampered: another user's claims, or another header, under the real signature; a flipped signature byte.
    fc.constant(swap(valid, 1, b64(fresh(victim)))),
    fc.constant(swap(valid, 1, b64({ ...fresh(uid), exp: now() + 10 ** 8 }))),
    fc.constant(swap(valid, 0, b64({ alg: 'none', typ: 'JWT' }))),
    fc.nat().map((position) => flip(valid, position)),
    fc.constant(swap(valid, 2, '')),
    fc.constant(`${valid}.${valid.split('.')[2]}`),
    // Garbage of every shape.
    fc.string({ minLength: 1, maxLength: 300 }).filter((text) => /^[\x21-\x7e]+$/.test(text)),
    fc
      .array(fc.base64String({ maxLength: 60 }), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('.').replace(/[+/=]/g, 'A') || 'x'),
    fc.constantFrom('.', '..', '...', 'null', 'undefined', '{}', 'e30.e30.e30', `${b64(HS256)}..`),
    // Huge: under and over Node's 16 KiB header limit.
    fc.integer({ min: 1_000, max: 15_000 }).map((size) => `${valid.split('.')[0]}.${'A'.repeat(size)}.x`),
    fc.integer({ min: 17_000, max: 40_000 }).map((size) => 'A'.repeat(size)),
  );
}
