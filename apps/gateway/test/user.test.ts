import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

describe('/api/user', () => {
  it('registers with go-zero-mall field names and answers {id, name, gender, mobile}', async () => {
    const response = await gateway.post('/api/user/register', {
      name: 'ving',
      gender: 1,
      mobile: '15212230311',
      password: '123456',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 1, name: 'ving', gender: 1, mobile: '15212230311' });
    expect(gateway.fakes.lastCall('user.register')).toEqual({
      Name: 'ving',
      Gender: 1n,
      Mobile: '15212230311',
      Password: '123456',
    });
  });

  it('answers a second registration of the same mobile with 409', async () => {
    const response = await gateway.post('/api/user/register', {
      name: 'other',
      gender: 2,
      mobile: '15212230311',
      password: '654321',
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ code: 'ALREADY_EXISTS', message: 'this mobile is already registered' });
  });

  it('escapes <, > and & like Go and keeps other text as UTF-8', async () => {
    const response = await gateway.post('/api/user/register', {
      name: '<b>Tom & 苹果</b>',
      gender: 0,
      mobile: '15200000000',
      password: '123456',
    });
    const raw = await response.text();
    expect(raw).toBe(
      '{"id":2,"name":"\\u003cb\\u003eTom \\u0026 苹果\\u003c/b\\u003e","gender":0,"mobile":"15200000000"}',
    );
    expect((JSON.parse(raw) as { name: string }).name).toBe('<b>Tom & 苹果</b>');
  });

  it('reads userinfo for the token user only, ignoring any body', async () => {
    const token = await gateway.tokenFor(2);
    const response = await gateway.post('/api/user/userinfo', { id: 1 }, { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 2, mobile: '15200000000' });
    expect(gateway.fakes.lastCall('user.userInfo')).toEqual({ Id: 2n });
  });
});
