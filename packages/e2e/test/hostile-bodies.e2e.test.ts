// Property-based: hostile request bodies on every route of the gateway, over real HTTP against the
// whole mall. Every case must be refused with the right 4xx and a clean JSON {code, message}, and must
// store nothing: the mall's tables, DTM's transactions and the barrier are compared around each case.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCounter, fuzzParameters, fuzzTimeout } from '@mall/testing';
import type { TestUser } from './http.js';
import { expectMallAlive } from './hostile/alive.js';
import { hostileValue, objectText, parsed } from './hostile/json-text.js';
import { openMallState, type MallStateReader } from './hostile/mall-state.js';
import { signUpWithThings } from './hostile/mine.js';
import { ROUTES, type Mine, type Route } from './hostile/routes.js';
import { settled } from './saga.js';
import { expectRefusal, send } from './hostile/send.js';

let user: TestUser;
let mine: Mine;
let state: MallStateReader;
const cases = caseCounter('hostile-bodies');

beforeAll(async () => {
  ({ user, mine } = await signUpWithThings('hostile-bodies'));
  state = await openMallState();
});

afterAll(async () => {
  cases.report();
  await state?.close();
});

// Counterexamples name a route by its path.
const route = fc.constantFrom(...ROUTES.map((target) => ({ ...target, [fc.toStringMethod]: () => target.path })));
const tokenFor = (target: Route) => (target.auth ? user.token : undefined);
const validText = (target: Route) => JSON.stringify(target.valid(mine));

/** Sends one request that must be refused, and checks that it was, and that nothing was stored. */
async function refused(target: Route, request: Parameters<typeof send>[0], status: number, code: string) {
  cases.tick();
  const before = await state.read();
  const reply = await send(request);
  const body = expectRefusal(reply, status, code);
  await state.expectUnchanged(before, `${target.path} ${String(request.body).slice(0, 120)}`);
  return body;
}

/** Bodies that are not a JSON object: broken, truncated, other JSON types, absurdly deep, not UTF-8. */
const notAnObject: fc.Arbitrary<(target: Route) => string | Uint8Array> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).map((text) => () => text),
  fc.nat().map((cut) => (target: Route) => {
    const whole = validText(target);
    return whole.slice(0, 1 + (cut % (whole.length - 1)));
  }),
  fc.jsonValue().map((value) => () => JSON.stringify(value)),
  fc
    .constantFrom('[]', 'null', 'true', '0', '"{}"', '[{}]', ' ', '\n', '{,}', "{'id':1}", '{"id":1,}', '{id:1}', 'NaN')
    .map((text) => () => text),
  fc.tuple(fc.integer({ min: 1_000, max: 50_000 }), fc.constantFrom('[', '{"a":')).map(
    ([depth, open]) =>
      () =>
        open.repeat(depth),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => () => Uint8Array.from([0xff, ...bytes])),
);

function isObjectText(body: string | Uint8Array): boolean {
  if (typeof body !== 'string') return false;
  try {
    const value = parsed(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A valid body with one field spoiled: a value the contract refuses, or a required field left out. */
const poisoned: fc.Arbitrary<{ target: Route; field: string; value?: string }> = fc.oneof(
  {
    weight: 9,
    arbitrary: route.chain((target) =>
      fc
        .tuple(fc.constantFrom(...Object.keys(target.fields)), hostileValue)
        .filter(([field, value]) => !target.fields[field]!(parsed(value)))
        .map(([field, value]) => ({ target, field, value })),
    ),
  },
  {
    weight: 1,
    arbitrary: route
      .filter((target) => target.required.length > 0)
      .chain((target) => fc.constantFrom(...target.required).map((field) => ({ target, field }))),
  },
);

describe('hostile bodies on every route', { timeout: fuzzTimeout(300_000) }, () => {
  it('refuses anything that is not a JSON object with 400 INVALID_ARGUMENT', async () => {
    await fc.assert(
      fc.asyncProperty(route, notAnObject, async (target, make) => {
        const body = make(target);
        fc.pre(!isObjectText(body));
        await refused(
          target,
          {
            path: target.path,
            body,
            token: tokenFor(target),
            headers: { 'content-type': 'application/json' },
          },
          400,
          'INVALID_ARGUMENT',
        );
      }),
      fuzzParameters(300),
    );
  });

  it('refuses a wrong or missing field with 400 naming it: wrong types, huge numbers, long strings', async () => {
    await fc.assert(
      fc.asyncProperty(poisoned, async ({ target, field, value }) => {
        const entries = Object.entries(target.valid(mine))
          .filter(([key]) => key !== field)
          .map(([key, good]): [string, string] => [key, JSON.stringify(good)]);
        if (value !== undefined) entries.push([field, value]);
        const { message } = await refused(
          target,
          { path: target.path, body: objectText(entries), token: tokenFor(target) },
          400,
          'INVALID_ARGUMENT',
        );
        expect(message.startsWith(`${field}: `), message).toBe(true);
      }),
      fuzzParameters(1000),
    );
  });

  it('refuses a body that is not sent as JSON with 400, whatever it holds', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'text/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/octet-stream',
        'application/jsonx',
        'json',
        '*/*',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/).filter((type) => !/^application\/(.*\+)?json$/.test(type)),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(route, contentType, async (target, type) => {
        const body = new TextEncoder().encode(validText(target));
        await refused(
          target,
          { path: target.path, body, token: tokenFor(target), headers: type ? { 'content-type': type } : {} },
          400,
          'INVALID_ARGUMENT',
        );
      }),
      fuzzParameters(200),
    );
  });

  it('refuses a body over 1 MiB with 413, however it is padded', async () => {
    const padding = fc.tuple(fc.integer({ min: 1, max: 1024 * 1024 }), fc.constantFrom('x', ' ', '😀'));
    await fc.assert(
      fc.asyncProperty(route, padding, async (target, [extra, char]) => {
        const valid = target.valid(mine);
        const filler = char.repeat(Math.ceil((1024 * 1024 + extra) / Buffer.byteLength(char)));
        const body = char === ' ' ? `${JSON.stringify(valid)}${filler}` : JSON.stringify({ ...valid, filler });
        await refused(target, { path: target.path, body, token: tokenFor(target) }, 413, 'PAYLOAD_TOO_LARGE');
      }),
      fuzzParameters(24),
    );
  });
});

describe('hostile headers on order creation', { timeout: fuzzTimeout(300_000) }, () => {
  /** What fetch can send in a header: printable ASCII and tabs (leading and trailing blanks are trimmed). */
  const headerValue = fc
    .oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
      fc.constantFrom('x'.repeat(129), '../..', '*', '%00', 'a\tb', 'respond-async; wait=0'),
    )
    .filter((value) => /^[\t\x20-\x7e]*$/.test(value));
  const headers = fc.record(
    {
      'Idempotency-Key': headerValue,
      // Never a fault's name (lowercase words and dashes): a real fault would change stock on purpose.
      'X-Mall-Fault': headerValue.filter((value) => /[^a-z-]/.test(value.trim())),
      'X-Request-Id': headerValue,
      Prefer: headerValue,
    },
    { requiredKeys: [] },
  );

  it('answers 200 or a clean 4xx that stores nothing, and echoes only a sane request id', async () => {
    const create = ROUTES.find((target) => target.path === '/api/order/create')!;
    await fc.assert(
      fc.asyncProperty(headers, async (sent) => {
        cases.tick();
        const before = await state.read();
        const reply = await send({ path: create.path, body: validText(create), token: user.token, headers: sent });
        const what = `order/create with ${JSON.stringify(sent).slice(0, 300)}`;
        expect([200, 202, 400], `${what} → ${reply.status} ${reply.text}`).toContain(reply.status);
        // Prefer: respond-async answers before the saga ends: let it end before the next case looks.
        if (reply.status === 202) await settled(reply.headers.get('x-order-gid')!);
        if (reply.status === 400) {
          expectRefusal(reply, 400, 'INVALID_ARGUMENT');
          await state.expectUnchanged(before, what);
        }
        const given = (sent['X-Request-Id'] ?? '').trim();
        const echoed = reply.headers.get('x-request-id') ?? '';
        expect(echoed, what).toEqual(/^[\w.:/+=@-]{1,128}$/.test(given) ? given : expect.stringMatching(/^[\w-]{36}$/));
      }),
      fuzzParameters(150),
    );
  });
});

describe('keys that attack the parser', { timeout: fuzzTimeout(300_000) }, () => {
  const reads = ROUTES.filter((target) => ['detail', 'list'].some((name) => target.path.endsWith(name)));

  it('reads duplicate keys as the last one, like Go, and ignores prototype keys', async () => {
    const trap = fc.constantFrom(
      'constructor',
      'prototype',
      'toString',
      'valueOf',
      'hasOwnProperty',
      '__defineGetter__',
    );
    const extras = fc.array(fc.tuple(trap, hostileValue), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), extras, hostileValue, async (target, traps, decoy) => {
        cases.tick();
        const valid = Object.entries(target.valid(mine)).map(([key, value]): [string, string] => [
          key,
          JSON.stringify(value),
        ]);
        const clean = await send({ path: target.path, body: objectText(valid), token: user.token });
        expect(clean.status, clean.text).toBe(200);
        // Every field first sent as a decoy, then as itself; the traps in between.
        const body = objectText([...valid.map(([key]): [string, string] => [key, decoy]), ...traps, ...valid]);
        const reply = await send({ path: target.path, body, token: user.token });
        expect({ status: reply.status, text: reply.text }).toEqual({ status: clean.status, text: clean.text });
      }),
      fuzzParameters(200),
    );
  });

  it('refuses __proto__ keys anywhere in a body, and stays unpolluted', async () => {
    const listed = async () => (await send({ path: '/api/order/list', body: '{}', token: user.token })).text;
    const ownOrders = await listed();
    const pollution = fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.boolean());
    await fc.assert(
      fc.asyncProperty(route, pollution, async (target, [value, nested]) => {
        const proto = objectText([['__proto__', JSON.stringify({ uid: 1, status: 9, id: 1, isAdmin: true, value })]]);
        const fields = Object.entries(target.valid(mine)).map(([key, good]): [string, string] => [
          key,
          JSON.stringify(good),
        ]);
        const body = nested
          ? objectText([...fields, ['extra', proto]])
          : `${proto.slice(0, -1)},${objectText(fields).slice(1)}`;
        await refused(target, { path: target.path, body, token: tokenFor(target) }, 400, 'INVALID_ARGUMENT');
      }),
      fuzzParameters(100),
    );
    // A polluted Object.prototype would show here: {} would carry a uid, status or id.
    expect(ownOrders).toContain(`"id":${mine.orderId},`);
    expect(await listed()).toBe(ownOrders);
  });

  it('leaves every service alive and the fuzzing user untouched', async () => {
    await expectMallAlive(user, mine);
  });
});
