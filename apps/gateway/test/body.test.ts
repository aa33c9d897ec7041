import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../src/middleware/json-body.js';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
let token: string;

const product = { name: 'apple', desc: 'big and round', stock: 100, amount: 5, status: 0 };

beforeAll(async () => {
  gateway = await startGateway();
  token = await gateway.tokenFor(1);
  expect((await gateway.post('/api/product/create', product, { token })).status).toBe(200);
});
afterAll(() => gateway.close());

async function expectInvalid(path: string, body: unknown, message: string) {
  const response = await gateway.post(path, body, { token });
  expect(response.status, JSON.stringify(body)).toBe(400);
  expect(await response.json()).toEqual({ code: 'INVALID_ARGUMENT', message });
}

describe('JSON body validation', () => {
  const range32 = 'must be an integer from 0 to 4294967295';
  const range8 = 'must be an integer from 0 to 255';

  it('refuses strings, floats, booleans and null where integers belong', async () => {
    for (const stock of ['100', 1.5, true, null, [1], { n: 1 }]) {
      await expectInvalid('/api/product/create', { ...product, stock }, `stock: ${range32}`);
    }
    await expectInvalid('/api/product/detail', { id: '1' }, 'id: must be a positive integer');
    await expectInvalid('/api/product/detail', { id: 1.000001 }, 'id: must be a positive integer');
  });

  it('refuses negatives and numbers beyond the column or a safe integer', async () => {
    await expectInvalid('/api/product/create', { ...product, amount: -1 }, `amount: ${range32}`);
    await expectInvalid('/api/product/create', { ...product, amount: 4_294_967_296 }, `amount: ${range32}`);
    await expectInvalid('/api/product/create', { ...product, status: 256 }, `status: ${range8}`);
    await expectInvalid('/api/product/detail', { id: 0 }, 'id: must be a positive integer');
    await expectInvalid('/api/product/detail', { id: -5 }, 'id: must be a positive integer');
    await expectInvalid('/api/product/detail', '{"id": 99999999999999999999}', 'id: must be a positive integer');
    await expectInvalid('/api/product/detail', '{"id": 9007199254740993}', 'id: must be a positive integer');
    await expectInvalid('/api/product/detail', '{"id": 1e300}', 'id: must be a positive integer');
    await expectInvalid(
      '/api/user/register',
      { name: 'a', gender: 300, mobile: '1', password: 'x' },
      `gender: ${range8}`,
    );
  });

  it('accepts the edges of every range', async () => {
    const response = await gateway.post(
      '/api/product/create',
      { ...product, stock: 4_294_967_295, amount: 0, status: 255 },
      { token },
    );
    expect(response.status).toBe(200);
    const detail = await gateway.post('/api/product/detail', { id: Number.MAX_SAFE_INTEGER }, { token });
    expect(detail.status).toBe(404);
  });

  it('refuses strings that are too long or not strings', async () => {
    await expectInvalid(
      '/api/product/create',
      { ...product, name: 'x'.repeat(256) },
      'name: must be at most 255 characters',
    );
    await expectInvalid(
      '/api/product/create',
      { ...product, desc: 'x'.repeat(256) },
      'desc: must be at most 255 characters',
    );
    await expectInvalid('/api/product/create', { ...product, name: 42 }, 'name: must be a string');
    const user = { name: 'ving', gender: 1, mobile: '15212230311', password: '123456' };
    await expectInvalid(
      '/api/user/register',
      { ...user, mobile: '1'.repeat(21) },
      'mobile: must be at most 20 characters',
    );
    await expectInvalid(
      '/api/user/register',
      { ...user, password: 'p'.repeat(129) },
      'password: must be at most 128 characters',
    );
    await expectInvalid('/api/user/login', { mobile: 15212230311, password: '123456' }, 'mobile: must be a string');
  });

  // Found by packages/e2e/test/hostile-bodies.e2e.test.ts: "a\ud800b" was stored as "a\ufffdb".
  it('refuses strings with a lone UTF-16 surrogate, which would be stored as U+FFFD', async () => {
    const refusal = 'must be valid Unicode (a lone surrogate is not)';
    await expectInvalid('/api/product/create', { ...product, name: 'a\ud800b' }, `name: ${refusal}`);
    await expectInvalid('/api/product/create', { ...product, desc: '\udfff' }, `desc: ${refusal}`);
    const user = { name: 'ving', gender: 1, mobile: '15212230311', password: '123456\ud83d' };
    await expectInvalid('/api/user/register', user, `password: ${refusal}`);
    const paired = await gateway.post('/api/product/create', { ...product, name: '\ud83d\ude00' }, { token });
    expect(paired.status).toBe(200);
  });

  it('names a missing required field', async () => {
    await expectInvalid('/api/product/create', { name: 'apple', desc: '', stock: 1, amount: 1 }, 'status: is required');
    await expectInvalid('/api/order/create', { uid: 1 }, 'pid: is required');
    await expectInvalid('/api/pay/callback', { id: 1, oid: 1, amount: 1, source: 1 }, 'status: is required');
  });

  it('checks paging and quantities', async () => {
    await expectInvalid('/api/order/list', { page: 0 }, 'page: must be a positive integer');
    await expectInvalid('/api/order/list', { pageSize: 1001 }, 'pageSize: must be an integer from 1 to 1000');
    await expectInvalid('/api/order/list', { pageSize: 0 }, 'pageSize: must be an integer from 1 to 1000');
    await expectInvalid('/api/order/create', { pid: 1, num: 0 }, 'num: must be an integer from 1 to 1000');
    await expectInvalid('/api/order/create', { pid: 1, num: 1001 }, 'num: must be an integer from 1 to 1000');
  });

  it('wants a JSON object', async () => {
    await expectInvalid('/api/product/detail', [{ id: 1 }], 'body: must be a JSON object');
    await expectInvalid('/api/user/register', {}, 'name: is required');
  });

  it('ignores unknown fields, as go-zero does', async () => {
    const response = await gateway.post('/api/product/create', { ...product, colour: 'red', id: 'x' }, { token });
    expect(response.status).toBe(200);
  });

  it('answers one line of text per problem, without echoing the input', async () => {
    const response = await gateway.post(
      '/api/product/create',
      { ...product, name: `${'<'.repeat(300)}\nDROP` },
      { token },
    );
    const body = (await response.json()) as { message: string };
    expect(body.message).toBe('name: must be at most 255 characters');
  });
});

describe('reading the body', () => {
  it('answers malformed JSON with 400', async () => {
    for (const raw of ['{"id": 1', '{id: 1}', '"just a string"', '12', '{"__proto__": {"x": 1}}']) {
      await expectInvalid('/api/product/detail', raw, 'malformed JSON body');
    }
  });

  it('refuses a non-empty body that is not declared as JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await fetch(`${gateway.url}/api/product/detail`, {
        method: 'POST',
        headers: { 'Content-Type': type, Authorization: token },
        body: '{"id":1}',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code: 'INVALID_ARGUMENT',
        message: 'body must be JSON (Content-Type: application/json)',
      });
    }
  });

  it('accepts application/json with a charset', async () => {
    const response = await fetch(`${gateway.url}/api/product/detail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: token },
      body: '{"id":1}',
    });
    expect(response.status).toBe(200);
  });

  it('treats an empty body as {}, whatever its type', async () => {
    const response = await fetch(`${gateway.url}/api/order/list`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: token },
      body: '',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
    const bare = await fetch(`${gateway.url}/api/order/list`, { method: 'POST', headers: { Authorization: token } });
    expect(bare.status).toBe(200);
  });

  it('takes a body of exactly 1 MiB and refuses one byte more with 413', async () => {
    const json = '{"id":1}';
    const exact = json + ' '.repeat(BODY_LIMIT - json.length);
    expect(Buffer.byteLength(exact)).toBe(1024 * 1024);
    const ok = await gateway.post('/api/product/detail', exact, { token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: 1, name: 'apple' });
    const tooBig = await gateway.post('/api/product/detail', `${exact} `, { token });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than 1 MiB' });
  });

  it('applies the limit to a chunked body without Content-Length too', async () => {
    const chunks = [Buffer.from('{"id":1,"pad":"'), Buffer.alloc(BODY_LIMIT, 'x'), Buffer.from('"}')];
    const body = new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${gateway.url}/api/product/detail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: token },
      body,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
  });
});
