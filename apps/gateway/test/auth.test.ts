import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startGateway, TTL, type TestGateway } from './support/gateway.js';

const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UNAUTHENTICATED = { code: 'UNAUTHENTICATED', message: 'missing or invalid token' };

let gateway: TestGateway;
let uid: bigint;

beforeAll(async () => {
  gateway = await startGateway();
  const registered = await gateway.post('/api/user/register', {
    name: 'ving',
    gender: 1,
    mobile: '15212230311',
    password: '123456',
  });
  uid = BigInt(((await registered.json()) as { id: number }).id);
});
afterAll(() => gateway.close());

const userinfo = (authorization?: string) =>
  fetch(`${gateway.url}/api/user/userinfo`, {
    method: 'POST',
    headers: authorization === undefined ? {} : { Authorization: authorization },
  });

async function expectUnauthenticated(authorization?: string) {
  const response = await userinfo(authorization);
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(await response.json()).toEqual(UNAUTHENTICATED);
}

describe('login', () => {
  it('returns a token with exactly {uid, iat, exp}, HS256, and an absolute accessExpire', async () => {
    const before = now();
    const response = await gateway.post('/api/user/login', { mobile: '15212230311', password: '123456' });
    const after = now();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; accessExpire: number };
    expect(Object.keys(body).sort()).toEqual(['accessExpire', 'accessToken']);
    expect(body.accessExpire).toBeGreaterThanOrEqual(before + TTL);
    expect(body.accessExpire).toBeLessThanOrEqual(after + TTL);
    expect(decodeProtectedHeader(body.accessToken)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(body.accessToken);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'uid']);
    expect(claims).toMatchObject({ uid: Number(uid), exp: body.accessExpire });
    expect(claims.exp! - claims.iat!).toBe(TTL);
  });

  it('refuses a wrong password with 401 and the service message', async () => {
    const response = await gateway.post('/api/user/login', { mobile: '15212230311', password: 'nope-nope' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'wrong mobile or password' });
  });
});

describe('the JWT on protected routes', () => {
  it('accepts "Bearer ", "bearer " and no prefix at all', async () => {
    const token = await gateway.tokenFor(uid);
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER  ${token}`, token]) {
      const response = await userinfo(header);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: Number(uid), name: 'ving', gender: 1, mobile: '15212230311' });
    }
  });

  it('refuses a missing, empty or garbage Authorization header', async () => {
    await expectUnauthenticated();
    await expectUnauthenticated('');
    await expectUnauthenticated('Bearer');
    await expectUnauthenticated('Bearer ');
    await expectUnauthenticated('Bearer not.a.token');
    await expectUnauthenticated('Basic dXNlcjpwYXNz');
  });

  it('refuses alg "none"', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ uid: Number(uid), iat: now(), exp: now() + 60 })}.`;
    await expectUnauthenticated(`Bearer ${unsigned}`);
  });

  it('refuses other HMAC algorithms, even with the right secret', async () => {
    for (const alg of ['HS384', 'HS512']) {
      const token = await new SignJWT({ uid: Number(uid) })
        .setProtectedHeader({ alg })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
      await expectUnauthenticated(`Bearer ${token}`);
    }
  });

  it('refuses a token signed with another secret', async () => {
    const token = await new SignJWT({ uid: Number(uid) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-0123456789'));
    await expectUnauthenticated(`Bearer ${token}`);
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ uid: Number(uid), iat: now() - 7200, exp: now() - 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    await expectUnauthenticated(`Bearer ${token}`);
  });

  it('refuses a token issued in the future or missing iat/exp', async () => {
    const future = await new SignJWT({ uid: Number(uid), iat: now() + 3600, exp: now() + 7200 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    await expectUnauthenticated(`Bearer ${future}`);
    const noExp = await new SignJWT({ uid: Number(uid), iat: now() }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expectUnauthenticated(`Bearer ${noExp}`);
  });

  it('answers 401, not 500, for a valid signature without a numeric positive uid (go-zero-mall bug 14)', async () => {
    for (const claims of [{}, { uid: '1' }, { uid: 0 }, { uid: -1 }, { uid: 1.5 }, { uid: null }, { uid: 2 ** 60 }]) {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
      await expectUnauthenticated(`Bearer ${token}`);
    }
  });

  it('refuses a token whose payload was tampered with', async () => {
    const token = await gateway.tokenFor(uid);
    const [header, , signature] = token.split('.');
    const forged = b64({ ...decodeJwt(token), uid: Number(uid) + 1 });
    await expectUnauthenticated(`Bearer ${header}.${forged}.${signature}`);
  });

  it('guards every protected route, before reading the body', async () => {
    for (const path of ['/api/product/create', '/api/order/list', '/api/pay/callback', '/api/user/userinfo']) {
      const response = await gateway.post(path, '{ not json');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(UNAUTHENTICATED);
    }
  });

  it('answers 404 for a signed-in user who no longer exists', async () => {
    const response = await userinfo(`Bearer ${await gateway.tokenFor(999)}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'user not found' });
  });
});
