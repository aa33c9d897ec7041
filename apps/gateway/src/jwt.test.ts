import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwt } from './jwt.js';

const SECRET = 'jwt-test-secret-0123456789';
const HOUR = 3_600_000;

function clock(start = Date.UTC(2030, 0, 1)) {
  let current = start;
  return { now: () => current, move: (ms: number) => (current += ms) };
}

describe('jwt', () => {
  it('accepts its own tokens until they expire, also once remembered', async () => {
    const time = clock();
    const jwt = createJwt({ secret: SECRET, ttlSeconds: 3_600, now: time.now });
    const { accessToken } = await jwt.sign(42n);
    expect(await jwt.verify(accessToken)).toBe(42n);
    expect(await jwt.verify(accessToken)).toBe(42n);
    time.move(HOUR - 1_000);
    expect(await jwt.verify(accessToken)).toBe(42n);
    time.move(1_000);
    await expect(jwt.verify(accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a remembered token when the clock is before its iat', async () => {
    const time = clock();
    const jwt = createJwt({ secret: SECRET, ttlSeconds: 3_600, now: time.now });
    const { accessToken } = await jwt.sign(7n);
    expect(await jwt.verify(accessToken)).toBe(7n);
    time.move(-2_000);
    await expect(jwt.verify(accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('remembers only tokens that verified, and at most cacheSize of them', async () => {
    const time = clock();
    const jwt = createJwt({ secret: SECRET, ttlSeconds: 3_600, now: time.now, cacheSize: 1 });
    const first = (await jwt.sign(1n)).accessToken;
    const second = (await jwt.sign(2n)).accessToken;
    const [header, payload, signature] = first.split('.');
    const forged = `${header}.${payload}.${signature!.slice(0, -2)}AA`;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(jwt.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await jwt.verify(first)).toBe(1n);
    expect(await jwt.verify(second)).toBe(2n);
    expect(await jwt.verify(first)).toBe(1n);
  });

  it('checks a token with a not-before time in full every time', async () => {
    const time = clock();
    const jwt = createJwt({ secret: SECRET, ttlSeconds: 3_600, now: time.now });
    const seconds = time.now() / 1000;
    const token = await new SignJWT({ uid: 3, iat: seconds - 10, nbf: seconds, exp: seconds + 3_600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expect(await jwt.verify(token)).toBe(3n);
    time.move(-1_000);
    await expect(jwt.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("refuses another key's tokens", async () => {
    const mine = createJwt({ secret: SECRET, ttlSeconds: 3_600 });
    const theirs = createJwt({ secret: 'another-secret-0123456789', ttlSeconds: 3_600 });
    const { accessToken } = await theirs.sign(5n);
    expect(await theirs.verify(accessToken)).toBe(5n);
    await expect(mine.verify(accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
