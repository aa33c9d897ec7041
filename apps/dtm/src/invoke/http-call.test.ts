import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchCall } from './call.js';
import { createHttpCaller, type HttpCaller } from './http-call.js';

interface Seen {
  method: string;
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
}

let server: Server;
let base: string;
let caller: HttpCaller;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      seen.push({
        method: request.method ?? '',
        path,
        body: Buffer.concat(chunks).toString(),
        headers: request.headers,
      });
      if (path.startsWith('/moved307')) response.writeHead(307, { location: '/ok' }).end();
      else if (path.startsWith('/moved302')) response.writeHead(302, { location: '/ok' }).end();
      else if (path.startsWith('/slow')) setTimeout(() => response.end('{"dtm_result":"SUCCESS"}'), 500);
      else if (path.startsWith('/refuse')) response.writeHead(409).end('{"dtm_result":"FAILURE","message":"no"}');
      else response.end('{"dtm_result":"SUCCESS"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  caller = createHttpCaller();
});

afterAll(async () => {
  caller.close();
  await new Promise((resolve) => server.close(resolve));
});

const call = (path: string, extra: Partial<BranchCall> = {}): BranchCall => ({
  gid: 'g1',
  transType: 'saga',
  branchId: '01',
  op: 'action',
  url: `${base}${path}`,
  payload: Buffer.from('{"amount":30}'),
  headers: {},
  timeoutMs: 2000,
  ...extra,
});

describe('HTTP branch calls', () => {
  it('POST the payload with the transaction in the query and the branch headers', async () => {
    seen.length = 0;
    expect(await caller.call(call('/ok', { headers: { test_header: 'test' } }))).toEqual({ result: 'SUCCESS' });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/ok?gid=g1&trans_type=saga&branch_id=01&op=action',
      body: '{"amount":30}',
      headers: { 'content-type': 'application/json', test_header: 'test' },
    });
  });

  it('GET when the payload is empty; FAILURE from a 409', async () => {
    seen.length = 0;
    expect(await caller.call(call('/refuse', { payload: Buffer.alloc(0) }))).toEqual({
      result: 'FAILURE',
      message: '{"dtm_result":"FAILURE","message":"no"}',
    });
    expect(seen[0]).toMatchObject({ method: 'GET', body: '' });
  });

  it('follows redirects: 307 keeps the POST and its body, 302 turns it into a GET', async () => {
    seen.length = 0;
    expect(await caller.call(call('/moved307'))).toEqual({ result: 'SUCCESS' });
    expect(await caller.call(call('/moved302'))).toEqual({ result: 'SUCCESS' });
    expect(seen.map(({ method, path, body }) => `${method} ${path.split('?')[0]} ${body}`)).toEqual([
      'POST /moved307 {"amount":30}',
      'POST /ok {"amount":30}',
      'POST /moved302 {"amount":30}',
      'GET /ok ',
    ]);
  });

  it('an answer later than the timeout, or no server at all, is an error to retry', async () => {
    const late = await caller.call(call('/slow', { timeoutMs: 100 }));
    expect(late).toEqual({ result: 'ERROR', message: `${base}/slow: no answer within 100 ms` });
    const nobody = await caller.call(call('/ok', { url: 'http://127.0.0.1:1/ok' }));
    expect(nobody).toMatchObject({ result: 'ERROR', message: expect.stringContaining('ECONNREFUSED') });
  });
});
