import { describe, expect, inject, it } from 'vitest';
import { query } from './db.js';
import { b64, forge, now } from './forge-token.js';
import { expectError, post, signUp, uniqueMobile } from './http.js';

describe('POST /api/user/register', () => {
  it('returns the new user with the same JSON fields as go-zero-mall', async () => {
    const mobile = uniqueMobile();
    const reply = await post('/api/user/register', { name: 'ving', gender: 1, mobile, password: '123456' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: expect.any(Number), name: 'ving', gender: 1, mobile });
    const [row] = await query<{ password: string }>('SELECT password FROM `user` WHERE mobile = ?', [mobile]);
    expect(row?.password).toMatch(/^scrypt\$/);
  });

  it('answers 409 for a mobile that is already registered', async () => {
    const user = await signUp();
    expectError(
      await post('/api/user/register', { name: 'x', gender: 1, mobile: user.mobile, password: '123456' }),
      409,
      'ALREADY_EXISTS',
    );
  });

  it('answers 400 for missing fields, wrong types and bad formats', async () => {
    const good = { name: 'x', gender: 1, mobile: uniqueMobile(), password: '123456' };
    for (const body of [
      {},
      { ...good, name: undefined },
      { ...good, gender: '1' },
      { ...good, gender: 1.5 },
      { ...good, gender: -1 },
      { ...good, mobile: 15212230311 },
      { ...good, mobile: 'call me' },
      { ...good, password: '' },
      { ...good, name: 'n'.repeat(300) },
    ]) {
      expectError(await post('/api/user/register', body), 400, 'INVALID_ARGUMENT');
    }
  });
});

describe('POST /api/user/login', () => {
  it('returns an access token and its absolute expiry', async () => {
    const user = await signUp();
    const reply = await post<{ accessToken: string; accessExpire: number }>('/api/user/login', {
      mobile: user.mobile,
      password: '123456',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.accessToken.split('.')).toHaveLength(3);
    expect(Math.abs(reply.body.accessExpire - (now() + 86400))).toBeLessThanOrEqual(5);
    const header = JSON.parse(Buffer.from(reply.body.accessToken.split('.')[0]!, 'base64url').toString()) as {
      alg: string;
    };
    expect(header.alg).toBe('HS256');
  });

  it('gives one answer for an unknown mobile and for a wrong password (bug 16: no user enumeration)', async () => {
    const user = await signUp();
    const wrong = await post('/api/user/login', { mobile: user.mobile, password: 'not-the-password' });
    const unknown = await post('/api/user/login', { mobile: uniqueMobile(), password: 'not-the-password' });
    expectError(wrong, 401);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('POST /api/user/userinfo', () => {
  it('returns the signed-in user, for Bearer, bearer and bare tokens', async () => {
    const user = await signUp('info');
    for (const authorization of [`Bearer ${user.token}`, `bearer ${user.token}`, user.token]) {
      const response = await fetch(`${inject('gatewayUrl')}/api/user/userinfo`, {
        method: 'POST',
        headers: { authorization },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: user.id, name: 'info', gender: 1, mobile: user.mobile });
    }
  });

  it('answers 401 JSON for missing, forged, expired, alg-none and uid-less tokens (bug 14: never a 500)', async () => {
    const user = await signUp();
    const [head, payload] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${head}.${b64({ ...claims, uid: user.id + 1 })}.${user.token.split('.')[2]}`;
    const tokens = [
      undefined,
      'not-a-token',
      forge({ alg: 'HS256', typ: 'JWT' }, { uid: user.id, iat: now(), exp: now() + 60 }, 'a-different-secret-entirely'),
      forge({ alg: 'HS256', typ: 'JWT' }, { uid: user.id, iat: now() - 120, exp: now() - 60 }),
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ uid: user.id, iat: now(), exp: now() + 60 })}.`,
      forge({ alg: 'HS256', typ: 'JWT' }, { iat: now(), exp: now() + 60 }),
      forge({ alg: 'HS256', typ: 'JWT' }, { uid: 'abc', iat: now(), exp: now() + 60 }),
      forge({ alg: 'HS384', typ: 'JWT' }, { uid: user.id, iat: now(), exp: now() + 60 }),
      tampered,
    ];
    for (const token of tokens) expectError(await post('/api/user/userinfo', undefined, token), 401, 'UNAUTHENTICATED');
  });

  it('answers 404 for a valid token whose user no longer exists', async () => {
    const token = forge({ alg: 'HS256', typ: 'JWT' }, { uid: 987654321, iat: now(), exp: now() + 60 });
    expectError(await post('/api/user/userinfo', undefined, token), 404, 'NOT_FOUND');
  });
});
