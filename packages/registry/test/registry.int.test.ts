import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { UserService } from '@mall/proto/user';
import { AppError, createRpcClient, createRpcServer, tokenAuthenticator, type RpcServer } from '@mall/rpc';
import { startEtcd, waitFor, type EtcdServer } from '@mall/testing';
import { listInstances, publishService, registerEtcdResolver, type Publication } from '../src/index.js';

const logger = createLogger('registry-test', 'silent');
const TOKENS = new Map([['test', 'test-token']]);
let server: EtcdServer;
let etcd: Etcd3;

/** A user.User server whose UserInfo answers with its own name, so tests can tell instances apart. */
async function namedServer(name: string): Promise<{ server: RpcServer; port: number }> {
  const rpc = createRpcServer({ logger, authenticate: tokenAuthenticator(TOKENS) });
  const unused = () => Promise.reject(new AppError('INTERNAL', 'unused'));
  rpc.addService('user.User', UserService, {
    login: unused,
    register: unused,
    userInfo: (request) => Promise.resolve({ Id: request.Id, Name: name, Gender: 0n, Mobile: '' }),
  });
  return { server: rpc, port: await rpc.listen('127.0.0.1', 0) };
}

beforeAll(async () => {
  server = await startEtcd();
  etcd = new Etcd3({ hosts: `http://${server.endpoint}` });
  registerEtcdResolver(etcd, logger);
});

afterAll(async () => {
  etcd?.close();
  await server?.stop();
});

describe('publishService', () => {
  it("writes <key>/<leaseId> → endpoint with the lease's TTL, and revoking deletes it at once", async () => {
    const publication = await publishService(etcd, { key: 'svc-a', endpoint: '10.0.0.1:9000', logger });
    const key = publication.currentKey()!;
    expect(key).toMatch(/^svc-a\/\d+$/);
    expect(await etcd.get(key).string()).toBe('10.0.0.1:9000');
    const lease = await etcd.leaseClient.leaseTimeToLive({ ID: key.split('/')[1]!, keys: false });
    expect(lease.grantedTTL).toBe('10');
    await publication.stop();
    expect(await etcd.get(key).string()).toBeNull();
  });

  it('registers again under a new lease when its lease is revoked behind its back', async () => {
    const publication = await publishService(etcd, { key: 'svc-b', endpoint: '10.0.0.2:9000', ttlSeconds: 2, logger });
    const first = publication.currentKey()!;
    await etcd.leaseClient.leaseRevoke({ ID: first.split('/')[1]! });
    const second = await waitFor('a new registration', async () => {
      const current = publication.currentKey();
      return current && current !== first && (await etcd.get(current).string()) === '10.0.0.2:9000'
        ? current
        : undefined;
    });
    expect(second).toMatch(/^svc-b\/\d+$/);
    await publication.stop();
  });

  it('comes back after etcd is unreachable for longer than the TTL', async () => {
    const publication = await publishService(etcd, { key: 'svc-c', endpoint: '10.0.0.3:9000', ttlSeconds: 1, logger });
    const first = publication.currentKey()!;
    server.pause();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    server.resume();
    await waitFor(
      'registration after the outage',
      async () => {
        const values = await listInstances(etcd, 'svc-c');
        const current = publication.currentKey();
        return values.length === 1 && current !== undefined && current !== first;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(await listInstances(etcd, 'svc-c')).toEqual(['10.0.0.3:9000']);
    await publication.stop();
  });
});

describe('etcd resolver', () => {
  it('follows instances as they come and go, balancing between them', async () => {
    const client = createRpcClient(UserService, 'etcd:///user.rpc.resolver-test', { app: 'test', token: 'test-token' });
    const none = await client.userInfo({ Id: 1n }).catch((error: AppError) => error);
    expect(none).toMatchObject({ code: 'UNAVAILABLE' });
    expect((none as AppError).message).toContain('no instance of user.rpc.resolver-test');

    const a = await namedServer('a');
    const b = await namedServer('b');
    const publications: Publication[] = [];
    publications.push(
      await publishService(etcd, { key: 'user.rpc.resolver-test', endpoint: `127.0.0.1:${a.port}`, logger }),
    );
    const fromA = await waitFor('instance a to be reachable', () =>
      client.userInfo({ Id: 1n }).then((reply) => reply.Name === 'a'),
    );
    expect(fromA).toBe(true);

    publications.push(
      await publishService(etcd, { key: 'user.rpc.resolver-test', endpoint: `127.0.0.1:${b.port}`, logger }),
    );
    const seen = await waitFor('both instances to answer', async () => {
      const names = new Set(
        (await Promise.all(Array.from({ length: 10 }, () => client.userInfo({ Id: 1n })))).map((r) => r.Name),
      );
      return names.size === 2 ? names : undefined;
    });
    expect([...seen].sort()).toEqual(['a', 'b']);

    await publications[0]!.stop();
    await a.server.shutdown(1_000);
    await waitFor('only b to answer', async () => {
      const names = (await Promise.all(Array.from({ length: 6 }, () => client.userInfo({ Id: 1n })))).map(
        (r) => r.Name,
      );
      return names.every((name) => name === 'b');
    });

    client.close();
    await publications[1]!.stop();
    await b.server.shutdown(1_000);
  });
});
