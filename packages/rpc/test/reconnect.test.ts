// Regression (chaos test): after a server was down for a while, grpc-js's default reconnect backoff
// (doubling up to 120 s, failing calls at once meanwhile) kept a client away from the restarted
// server for many seconds. With RECONNECT_PROMPTLY the client is back within about a second.
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { UserService } from '@mall/proto/user';
import { createRpcClient, createRpcServer, tokenAuthenticator } from '../src/index.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

it('a client reaches a server that comes back after a long outage within seconds', async () => {
  const port = await freePort();
  const client = createRpcClient(UserService, `127.0.0.1:${port}`, { app: 't', token: 'token', deadlineMs: 200 });
  const userInfo = () =>
    client.userInfo({ Id: 1n }).then(
      () => true,
      () => false,
    );
  // 17 s of failed calls: grpc-js's default backoff has grown to ~10 s between attempts by now.
  const outageEnds = Date.now() + 17_000;
  while (Date.now() < outageEnds) {
    expect(await userInfo()).toBe(false);
    await sleep(250);
  }
  const server = createRpcServer({
    logger: createLogger('rpc-test', 'silent'),
    authenticate: tokenAuthenticator(new Map([['t', 'token']])),
  });
  server.addService('user.User', UserService, {
    login: () => Promise.reject(new Error('unused')),
    register: () => Promise.reject(new Error('unused')),
    userInfo: (request) => Promise.resolve({ Id: request.Id, Name: 'back', Gender: 0n, Mobile: '' }),
  });
  await server.listen('127.0.0.1', port);
  try {
    let reached = false;
    const giveUp = Date.now() + 4_000;
    while (!reached && Date.now() < giveUp) {
      reached = await userInfo();
      if (!reached) await sleep(100);
    }
    expect(reached, 'the client reached the returned server within 4 s').toBe(true);
  } finally {
    client.close();
    await server.shutdown(1_000);
  }
}, 40_000);
