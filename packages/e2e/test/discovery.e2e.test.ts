import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { startApp, type RunningApp } from '@mall/stack';
import { freePort, waitFor } from '@mall/testing';
import { keepUntilSuiteEnds } from './extra-instances.js';
import { createProduct, post, productDetail, signUp, type TestUser } from './http.js';

let etcd: Etcd3;
let user: TestUser;

const registered = async (key: string) => Object.values(await etcd.getAll().prefix(`${key}/`).strings());

beforeAll(async () => {
  etcd = new Etcd3({
    hosts: inject('etcdEndpoints')
      .split(',')
      .map((host) => `http://${host}`),
  });
  user = await signUp('discovery');
});

afterAll(() => etcd.close());

describe('etcd discovery', () => {
  it("registers each rpc app in go-zero's format: <key>/<leaseId> → host:port with a 10 s lease", async () => {
    for (const key of ['user.rpc', 'product.rpc', 'order.rpc', 'pay.rpc']) {
      const entries = await etcd.getAll().prefix(`${key}/`).strings();
      expect(Object.keys(entries).length, key).toBeGreaterThanOrEqual(1);
      for (const [fullKey, value] of Object.entries(entries)) {
        expect(fullKey).toMatch(new RegExp(`^${key.replace('.', '\\.')}/\\d+$`));
        expect(value).toMatch(/^127\.0\.0\.1:\d+$/);
        const lease = await etcd.leaseClient.leaseTimeToLive({ ID: fullKey.split('/')[1]!, keys: true });
        expect(Number(lease.grantedTTL)).toBe(10);
        expect(Number(lease.TTL)).toBeGreaterThan(0);
        expect(lease.keys.map((k) => k.toString())).toContain(fullKey);
      }
    }
  });

  it('follows a service that stops (deregistered at once) and comes back on another port', async () => {
    const pid = await createProduct(user, { stock: 3 });
    const original = inject('appPids')['product-rpc'];
    const before = await registered('product.rpc');
    expect(before).toHaveLength(1);

    process.kill(original, 'SIGTERM');
    await waitFor('product.rpc to be deregistered', async () => (await registered('product.rpc')).length === 0, {
      timeoutMs: 15_000,
    });
    const down = await post('/api/product/detail', { id: pid }, user.token);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'UNAVAILABLE' });

    // The replacement takes over the metrics port, where later files scrape product-rpc, once it is free.
    const gone = () => {
      try {
        process.kill(original, 0);
        return false;
      } catch {
        return true;
      }
    };
    await waitFor('the stopped product-rpc to exit', () => Promise.resolve(gone()), { timeoutMs: 15_000 });
    const port = await freePort();
    const replacement: RunningApp = await startApp('product-rpc', {
      env: { ...inject('appEnvs')['product-rpc'], PORT: String(port) },
      output: { file: join(inject('logDir'), 'product-rpc.restarted.log') },
    });
    await keepUntilSuiteEnds(replacement.pid);
    // Healthy comes first, registration a moment later (bind, SERVING, then the etcd key).
    await waitFor('the replacement to register', async () => (await registered('product.rpc')).length === 1);
    expect(await registered('product.rpc')).toEqual([`127.0.0.1:${port}`]);
    await waitFor('the gateway to reach the new product-rpc', async () => {
      const reply = await post('/api/product/detail', { id: pid }, user.token);
      return reply.status === 200;
    });
    expect((await productDetail(user, pid)).stock).toBe(3);
  });

  it('keeps serving when one of two instances of a service is killed', async () => {
    const port = await freePort();
    const second = await startApp('product-rpc', {
      env: { ...inject('appEnvs')['product-rpc'], PORT: String(port), METRICS_PORT: '0' },
      output: { file: join(inject('logDir'), 'product-rpc.second.log') },
    });
    await waitFor('the second instance to register', async () => (await registered('product.rpc')).length === 2);
    const pid = await createProduct(user, { stock: 1 });
    await second.kill();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/product/detail', { id: pid }, user.token)),
    );
    const statuses = new Set(replies.map((reply) => reply.status));
    expect([...statuses].every((status) => status === 200 || status === 503)).toBe(true);
    await waitFor(
      'a killed instance to fall out of rotation',
      async () => {
        const burst = await Promise.all(
          Array.from({ length: 10 }, () => post('/api/product/detail', { id: pid }, user.token)),
        );
        return burst.every((reply) => reply.status === 200);
      },
      { timeoutMs: 25_000, intervalMs: 500 },
    );
  });
});
