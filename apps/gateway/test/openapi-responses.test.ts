// The gateway's real answers, over HTTP, checked against what the OpenAPI document says of them: every status
// a route answers is documented, with the body and the headers the document describes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@mall/rpc';
import { signPayment } from '../src/middleware/payment-signature.js';
import { DOCUMENT_PATH } from '../src/openapi/docs-page.js';
import type { OpenApiDocument } from '../src/openapi/document.js';
import { startGateway, type TestGateway } from './support/gateway.js';
import { jsonSchemaOf, schemaValidator } from './support/openapi.js';

const PROVIDER_SECRET = 'provider-secret-0123456789';

interface Checked {
  status: number;
  body: unknown;
}

/** Sends requests and checks each answer against the document the gateway itself serves. */
async function documentedClient(gateway: TestGateway) {
  const document = (await (await fetch(gateway.url + DOCUMENT_PATH)).json()) as OpenApiDocument;
  const compile = schemaValidator(document);
  const seen = new Set<string>();

  async function check(method: 'GET' | 'POST', path: string, response: Response): Promise<Checked> {
    const operation = document.paths[path]?.[method.toLowerCase() as 'get' | 'post'];
    expect(operation, `${method} ${path} is documented`).toBeDefined();
    const documented = operation!.responses[String(response.status)];
    expect(documented, `${path} answered ${response.status}, which is not documented`).toBeDefined();
    const body: unknown = await response.json();
    const validate = compile(jsonSchemaOf(documented!.content));
    expect(
      validate(body),
      `${path} ${response.status}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(body)}`,
    ).toBe(true);
    for (const header of Object.keys(documented!.headers ?? {})) {
      if (header === 'Preference-Applied') continue; // only when the 202 was asked for: checked below
      expect(response.headers.get(header), `${path} ${response.status} ${header}`).toBeTruthy();
    }
    seen.add(`${path} ${response.status}`);
    return { status: response.status, body };
  }

  return {
    document,
    seen,
    get: async (path: string) => check('GET', path, await fetch(gateway.url + path)),
    post: async (
      path: string,
      ...args: Parameters<TestGateway['post']> extends [string, ...infer Rest] ? Rest : never
    ) => check('POST', path, await gateway.post(path, ...args)),
    check,
  };
}

let gateway: TestGateway;
let signed: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
  signed = await startGateway({ payCallbackSecret: PROVIDER_SECRET });
});
afterAll(async () => {
  await gateway.close();
  await signed.close();
});

describe('the answers match the OpenAPI document', () => {
  it('for a whole session: every operation answers 200 as documented, and its failures too', async () => {
    const api = await documentedClient(gateway);
    const id = (checked: Checked) => (checked.body as { id: number }).id;

    expect(await api.get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });

    const user = { name: 'ving', gender: 1, mobile: '15212230311', password: '123456' };
    expect((await api.post('/api/user/register', user)).status).toBe(200);
    expect((await api.post('/api/user/register', user)).status).toBe(409);
    expect((await api.post('/api/user/register', { ...user, gender: '1' })).status).toBe(400);
    expect((await api.post('/api/user/register', { ...user, name: 'x'.repeat(1100 * 1024) })).status).toBe(413);
    const login = await api.post('/api/user/login', { mobile: user.mobile, password: user.password });
    expect(login.status).toBe(200);
    expect((await api.post('/api/user/login', { mobile: user.mobile, password: 'wrong-password' })).status).toBe(401);
    const token = (login.body as { accessToken: string }).accessToken;
    const uid = id(await api.post('/api/user/userinfo', undefined, { token }));
    expect((await api.post('/api/user/userinfo')).status).toBe(401);
    expect((await api.post('/api/user/userinfo', undefined, { token: await gateway.tokenFor(999) })).status).toBe(404);

    const apple = { name: '苹果', desc: 'a big round apple', stock: 10, amount: 5, status: 0 };
    const pid = id(await api.post('/api/product/create', apple, { token }));
    expect((await api.post('/api/product/update', { id: pid, stock: 9 }, { token })).status).toBe(200);
    expect((await api.post('/api/product/detail', { id: pid }, { token })).body).toMatchObject({ stock: 9 });
    const spare = id(await api.post('/api/product/create', { ...apple, stock: 1 }, { token }));
    expect((await api.post('/api/product/remove', { id: spare }, { token })).status).toBe(200);
    expect((await api.post('/api/product/detail', { id: spare }, { token })).status).toBe(404);

    const created = await api.post('/api/order/create', { pid, num: 2 }, { token });
    expect(created.status).toBe(200);
    const oid = id(created);
    const gid = (created.body as { gid: string }).gid;
    expect((await api.post('/api/order/detail', { gid }, { token })).body).toMatchObject({ id: oid, num: 2 });
    expect((await api.post('/api/order/create', { pid, num: 100 }, { token })).status).toBe(409);
    expect((await api.post('/api/order/create', { uid: uid + 1, pid }, { token })).status).toBe(403);
    const asyncResponse = await gateway.post(
      '/api/order/create',
      { pid },
      { token, headers: { Prefer: 'respond-async' } },
    );
    expect(asyncResponse.headers.get('preference-applied')).toBe('respond-async');
    expect((await api.check('POST', '/api/order/create', asyncResponse)).status).toBe(202);
    gateway.fakes.nextPlacement = new AppError('UNAVAILABLE', 'no DTM');
    expect((await api.post('/api/order/create', { pid }, { token })).status).toBe(503);

    const cancelled = id(await api.post('/api/order/create', { pid }, { token }));
    expect((await api.post('/api/order/update', { id: cancelled, status: 9 }, { token })).status).toBe(200);
    expect((await api.post('/api/order/list', {}, { token })).body).toHaveLength(3);
    expect((await api.post('/api/order/list', { uid: uid + 1 }, { token })).status).toBe(403);
    expect((await api.post('/api/order/remove', { id: cancelled }, { token })).status).toBe(200);
    expect((await api.post('/api/order/detail', { id: cancelled }, { token })).status).toBe(404);
    expect((await api.post('/api/order/detail', { id: oid, gid }, { token })).status).toBe(400);

    const amount = (created.body as { amount: number }).amount;
    const payId = id(await api.post('/api/pay/create', { oid, amount }, { token }));
    expect((await api.post('/api/pay/detail', { id: payId }, { token })).body).toMatchObject({ oid, status: 0 });
    const callback = { id: payId, oid, amount, source: 1, status: 1 };
    expect((await api.post('/api/pay/callback', callback, { token })).status).toBe(200);
    expect((await api.post('/api/pay/callback', { ...callback, amount: amount + 1 }, { token })).status).toBe(409);

    const undocumented = Object.entries(api.document.paths)
      .filter(([path, methods]) => Object.keys(methods).length > 0 && !api.seen.has(`${path} 200`))
      .map(([path]) => path);
    expect(undocumented, 'operations whose 200 was not checked').toEqual([]);
  }, 60_000);

  it('for the provider-signed pay callback', async () => {
    const api = await documentedClient(signed);
    const token = await signed.tokenFor(1);
    const pid = (
      (await (
        await signed.post('/api/product/create', { name: 'pear', desc: '', stock: 1, amount: 3, status: 0 }, { token })
      ).json()) as {
        id: number;
      }
    ).id;
    const oid = ((await (await signed.post('/api/order/create', { pid }, { token })).json()) as { id: number }).id;
    const payId = (
      (await (await signed.post('/api/pay/create', { oid, amount: 3 }, { token })).json()) as { id: number }
    ).id;
    const body = JSON.stringify({ id: payId, uid: 1, oid, amount: 3, source: 1, status: 1 });
    const signature = { 'X-Pay-Signature': signPayment(PROVIDER_SECRET, body) };
    expect((await api.post('/api/pay/callback', body, { headers: signature })).status).toBe(200);
    expect((await api.post('/api/pay/callback', body, { headers: { 'X-Pay-Signature': 'sha256=00' } })).status).toBe(
      401,
    );
  }, 30_000);
});
