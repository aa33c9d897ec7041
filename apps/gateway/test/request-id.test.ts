import { afterEach, describe, expect, it } from 'vitest';
import { inheritFromRequest } from '../src/request-context.js';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway | undefined;
afterEach(() => gateway?.close());

describe('request ids', () => {
  it('echoes a sane X-Request-Id and hands it to the RPCs made for that request', async () => {
    const seen: unknown[] = [];
    gateway = await startGateway({
      clients: {
        user: {
          register: () => Promise.reject(new Error('unused')),
          login: () => Promise.reject(new Error('unused')),
          userInfo: (request) => {
            seen.push(inheritFromRequest(gateway!.requestContext)());
            return Promise.resolve({ Id: request.Id, Name: 'n', Gender: 0n, Mobile: '1' });
          },
        },
      },
    });
    const token = await gateway.tokenFor(5);
    const given = await gateway.post('/api/user/userinfo', undefined, { token, headers: { 'X-Request-Id': 'req-42' } });
    expect(given.status).toBe(200);
    expect(given.headers.get('x-request-id')).toBe('req-42');

    const hostile = await gateway.post('/api/user/userinfo', undefined, {
      token,
      headers: { 'X-Request-Id': 'not acceptable; has spaces' },
    });
    const made = hostile.headers.get('x-request-id')!;
    expect(made).toMatch(/^[0-9a-f-]{36}$/);

    expect(seen).toEqual([{ metadata: { 'x-request-id': 'req-42' } }, { metadata: { 'x-request-id': made } }]);
    expect(inheritFromRequest(gateway.requestContext)()).toBeUndefined();
  });
});
