// Property-based: hostile values the gateway must accept (SQL and script text, unicode, the longest
// strings, the edge numbers) are stored and answered back exactly; and any mix of valid and hostile
// fields on any route gets a 2xx or a clean 4xx, a refusal storing nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCounter, fuzzParameters, fuzzTimeout } from '@mall/testing';
import { query } from './db.js';
import { post, productDetail, signUp, uniqueMobile, type OrderView, type TestUser } from './http.js';
import { expectMallAlive } from './hostile/alive.js';
import { hostileValue, injection, longString, objectText, unicodeText } from './hostile/json-text.js';
import { openMallState, type MallState, type MallStateReader } from './hostile/mall-state.js';
import { signUpWithThings } from './hostile/mine.js';
import { ROUTES, type Mine } from './hostile/routes.js';
import { settled } from './saga.js';
import { expectNoServerError, send } from './hostile/send.js';

let user: TestUser;
let mine: Mine;
let witness: { user: TestUser; mine: Mine };
let victim: TestUser;
let state: MallStateReader;
const cases = caseCounter('hostile-roundtrip');

beforeAll(async () => {
  ({ user, mine } = await signUpWithThings('hostile-roundtrip'));
  witness = await signUpWithThings('witness');
  victim = await signUp('victim');
  state = await openMallState();
});

afterAll(async () => {
  cases.report();
  await state?.close();
});

/** Text the API accepts (at most `max` UTF-16 units, well-formed) that is hostile all the same. */
const acceptedText = (max: number) =>
  fc
    .oneof(injection, unicodeText, longString(max - 5, max), fc.string({ unit: 'binary', maxLength: max }))
    .filter((text) => text.length <= max && !/\p{Cs}/u.test(text));
const productName = acceptedText(255).filter((name) => name.trim() !== '');
const edge = (max: number) => fc.oneof(fc.constantFrom(0, 1, max - 1, max), fc.integer({ min: 0, max }));
const UINT32 = 4_294_967_295;

interface ProductRow {
  name: string;
  desc: string;
  stock: number;
  amount: number;
  status: number;
  uid: number;
}

async function productRow(id: number): Promise<ProductRow> {
  const [row] = await query<ProductRow>('SELECT name, `desc`, stock, amount, status, uid FROM product WHERE id = ?', [
    id,
  ]);
  return {
    ...row!,
    stock: Number(row!.stock),
    amount: Number(row!.amount),
    status: Number(row!.status),
    uid: Number(row!.uid),
  };
}

describe('accepted hostile values round-trip exactly', { timeout: fuzzTimeout(300_000) }, () => {
  it('product create: what detail answers and the row holds is exactly what was sent', async () => {
    const product = fc.record({
      name: productName,
      desc: acceptedText(255),
      stock: edge(UINT32),
      amount: edge(UINT32),
      status: edge(255),
    });
    await fc.assert(
      fc.asyncProperty(product, async (sent) => {
        cases.tick();
        const reply = await post<{ id: number }>('/api/product/create', sent, user.token);
        expect(reply.status, reply.text).toBe(200);
        expect(await productDetail(user, reply.body.id)).toEqual({ id: reply.body.id, ...sent });
        expect(await productRow(reply.body.id)).toEqual({ ...sent, uid: user.id });
      }),
      fuzzParameters(150),
    );
  });

  it('product update: the fields sent are written exactly, the others left alone', async () => {
    const changes = fc.record(
      { name: productName, desc: acceptedText(255), stock: edge(UINT32), amount: edge(UINT32), status: edge(255) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(changes, async (sent) => {
        cases.tick();
        const before = await productRow(mine.productId);
        const reply = await post('/api/product/update', { id: mine.productId, ...sent }, user.token);
        expect(reply.status, reply.text).toBe(200);
        expect(await productRow(mine.productId)).toEqual({ ...before, ...sent });
      }),
      fuzzParameters(150),
    );
  });

  it('register: the name is stored and answered exactly', async () => {
    const name = acceptedText(255).filter((text) => text.trim() !== '');
    await fc.assert(
      fc.asyncProperty(name, fc.constantFrom(0, 1, 2), async (sent, gender) => {
        cases.tick();
        const mobile = uniqueMobile();
        const reply = await post('/api/user/register', { name: sent, gender, mobile, password: '123456' });
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body).toMatchObject({ name: sent, gender, mobile });
        const [row] = await query<{ name: string }>('SELECT name FROM `user` WHERE mobile = ?', [mobile]);
        expect(row?.name).toBe(sent);
      }),
      // Each one hashes a password, slow on purpose.
      fuzzParameters(15),
    );
  });

  it('order create: any quantity 1-1000 is priced from the product and takes exactly that stock', async () => {
    const pid = (
      await post<{ id: number }>(
        '/api/product/create',
        { name: 'bulk', desc: '', stock: UINT32, amount: 3, status: 0 },
        user.token,
      )
    ).body.id;
    const ignored = fc.record({ amount: edge(UINT32), status: edge(255) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), ignored, async (num, extra) => {
        cases.tick();
        const stock = (await productRow(pid)).stock;
        const reply = await post<OrderView>('/api/order/create', { pid, num, ...extra }, user.token);
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body).toMatchObject({ uid: user.id, pid, num, amount: 3 * num, status: 0 });
        expect((await productRow(pid)).stock).toBe(stock - num);
      }),
      fuzzParameters(60),
    );
  });
});

/** Everything but what a rolled-back order saga legitimately leaves: its cancelled order, its records in DTM. */
const withoutSagaRecords = ({ checksums }: MallState) =>
  Object.fromEntries(Object.entries(checksums).filter(([table]) => !table.endsWith('.order')));

describe('any mix of valid and hostile fields on any route', { timeout: fuzzTimeout(300_000) }, () => {
  it('gets a 2xx or a clean 4xx, and a refusal stores nothing', async () => {
    const route = fc.constantFrom(...ROUTES.map((target) => ({ ...target, [fc.toStringMethod]: () => target.path })));
    const request = route.chain((target) => {
      const valid = target.valid(mine);
      const value = (field: string) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(JSON.stringify(valid[field] ?? 1)) },
          { weight: 3, arbitrary: hostileValue },
          fc.constantFrom(String(user.id), String(victim.id), '0', '1'),
        );
      const fields = fc
        .subarray(Object.keys(target.fields))
        .chain((names) => fc.tuple(...names.map((name) => value(name).map((text): [string, string] => [name, text]))));
      return fields.map((entries) => ({ target, body: objectText(entries) }));
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ target, body }) => {
        cases.tick();
        const before = await state.read();
        const reply = await send({ path: target.path, body, token: target.auth ? user.token : undefined });
        const what = `${target.path} ${body.slice(0, 200)}`;
        expectNoServerError(reply, what);
        // An order whose saga outlasts the wait is answered 202: let it end before the next case looks.
        if (reply.status === 202) await settled(reply.headers.get('x-order-gid')!);
        if (reply.status < 400) return;
        if (target.path !== '/api/order/create' || reply.status !== 409) return state.expectUnchanged(before, what);
        // A refused order may be a rolled-back saga: its cancelled order is recorded, nothing else changes.
        expect(withoutSagaRecords(await state.read()), what).toEqual(withoutSagaRecords(before));
      }),
      fuzzParameters(500),
    );
  });

  it('leaves every service alive and a bystander untouched', async () => {
    await expectMallAlive(witness.user, witness.mine);
  });
});
