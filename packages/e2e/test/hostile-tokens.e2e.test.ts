// Property-based: JWT attacks on every route that needs a signed-in user, over real HTTP against the
// whole mall. Each request carries a body the route would accept from the real user, so a token
// wrongly accepted would read or write; every one must get 401 and store nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseCounter, fuzzParameters, fuzzTimeout } from '@mall/testing';
import { signUp, type TestUser } from './http.js';
import { expectMallAlive } from './hostile/alive.js';
import { openMallState, type MallStateReader } from './hostile/mall-state.js';
import { signUpWithThings } from './hostile/mine.js';
import { AUTH_PATHS, ROUTES, type Mine } from './hostile/routes.js';
import { expectRefusal, send } from './hostile/send.js';
import { hostileToken } from './hostile/tokens.js';

let user: TestUser;
let victim: TestUser;
let mine: Mine;
let state: MallStateReader;
const cases = caseCounter('hostile-tokens');

beforeAll(async () => {
  ({ user, mine } = await signUpWithThings('hostile-tokens'));
  victim = await signUp('victim');
  state = await openMallState();
});

afterAll(async () => {
  cases.report();
  await state?.close();
});

/** How the token travels: the header in its accepted forms, and places the gateway must not look. */
const carrier = fc.constantFrom(
  (token: string) => ({ authorization: `bearer ${token}` }),
  (token: string) => ({ authorization: `Bearer ${token}` }),
  (token: string) => ({ authorization: token }),
  (token: string) => ({ authorization: `bearer ${token} ${token}` }),
  (token: string) => ({ authorization: `Basic ${token}` }),
);

function bodyOf(path: string): string | undefined {
  const route = ROUTES.find((candidate) => candidate.path === path);
  return route && JSON.stringify(route.valid(mine));
}

/** 401, or 431 when the headers are too big for Node to read at all; nothing stored either way. */
async function unauthenticated(path: string, headers: Record<string, string>) {
  cases.tick();
  const before = await state.read();
  const reply = await send({
    path,
    body: bodyOf(path) ?? '',
    headers: { 'content-type': 'application/json', ...headers },
  });
  if (reply.status === 431) {
    expect(JSON.stringify(headers).length, 'a 431 for headers under 15 KiB').toBeGreaterThan(15 * 1024);
    expectRefusal(reply, 431, 'HEADERS_TOO_LARGE');
  } else {
    expectRefusal(reply, 401, 'UNAUTHENTICATED');
  }
  await state.expectUnchanged(before, `${path} with ${JSON.stringify(headers).slice(0, 200)}`);
}

describe('JWT attacks on every authenticated route', { timeout: fuzzTimeout(300_000) }, () => {
  it('answers 401 to forged, expired, tampered and garbage tokens, and stores nothing', async () => {
    const token = hostileToken(user.id, victim.id, inject('jwtSecret'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...AUTH_PATHS), token, carrier, async (path, hostile, carry) => {
        await unauthenticated(path, carry(hostile));
      }),
      fuzzParameters(600),
    );
  });

  it('ignores a valid token anywhere but the Authorization header', async () => {
    const elsewhere = fc.constantFrom(
      () => ({}),
      (token: string) => ({ cookie: `token=${token}; accessToken=${token}` }),
      (token: string) => ({ 'x-access-token': token, 'x-auth-token': token, token }),
      (token: string) => ({ authorization: '', 'proxy-authorization': `bearer ${token}` }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...AUTH_PATHS), elsewhere, async (path, place) => {
        await unauthenticated(path, place(user.token));
      }),
      fuzzParameters(60),
    );
  });

  it('leaves every service alive and the fuzzing user untouched', async () => {
    await expectMallAlive(user, mine);
  });
});
