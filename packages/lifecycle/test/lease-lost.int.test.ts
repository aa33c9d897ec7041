// An rpc app whose etcd lease is lost comes back by itself. etcd is frozen (SIGSTOP) for longer
// than the 10 s TTL: no keep-alive gets through, and once etcd runs again its lessor finds the
// lease past its deadline and revokes it, deleting the key, as after a network partition. The app
// must grant a new lease and publish its key again, so that clients find it again.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Watcher } from 'etcd3';
import { createLogger } from '@mall/logger';
import { registerEtcdResolver } from '@mall/registry';
import { waitFor } from '@mall/testing';
import { startLittleMall, type LittleMall } from './little-mall.js';

const TTL_SECONDS = 10;

let mall: LittleMall;
let watcher: Watcher | undefined;
let closeResolver: (() => void) | undefined;

beforeAll(async () => {
  mall = await startLittleMall('lease_lost');
  closeResolver = registerEtcdResolver(mall.etcdClient, createLogger('lease-lost-test', 'silent'));
});

afterAll(async () => {
  await watcher?.cancel();
  await mall?.stop();
  closeResolver?.();
});

const leaseOf = (key: string) => key.split('/')[1]!;

describe('product-rpc when etcd loses its lease', () => {
  it('grants a new lease, publishes its key again, and is found again through the etcd resolver', async () => {
    const app = await mall.start('product-rpc');
    const first = await waitFor(
      'product-rpc to register',
      async () => Object.keys(await mall.registered('product.rpc'))[0],
    );
    const discovered = mall.productClient(`etcd://${mall.etcd.endpoint}/product.rpc`, 'gateway', 5_000);
    const { id } = await discovered.create({ Name: 'kite', Desc: '', Stock: 1n, Amount: 10n, Status: 1n, Uid: 1n });

    const events: string[] = [];
    watcher = await mall.etcdClient.watch().prefix('product.rpc/').create();
    watcher.on('delete', (kv) => events.push(`delete ${kv.key.toString()}`));
    watcher.on('put', (kv) => events.push(`put ${kv.key.toString()}`));

    mall.etcd.pause();
    await sleep((TTL_SECONDS + 4) * 1000);
    mall.etcd.resume();

    const second = await waitFor(
      'a registration under a new lease',
      async () => {
        const keys = Object.keys(await mall.registered('product.rpc'));
        return keys.length === 1 && keys[0] !== first ? keys[0] : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    // The old lease expired in etcd (its key deleted with it); the app did not merely keep it alive.
    const old = await mall.etcdClient.leaseClient.leaseTimeToLive({ ID: leaseOf(first), keys: false });
    expect(Number(old.TTL)).toBe(-1);
    const renewed = await mall.etcdClient.leaseClient.leaseTimeToLive({ ID: leaseOf(second), keys: true });
    expect(Number(renewed.grantedTTL)).toBe(TTL_SECONDS);
    expect(renewed.keys.map(String)).toEqual([second]);
    expect(await mall.registered('product.rpc')).toEqual({ [second]: `127.0.0.1:${app.port}` });
    await waitFor('the watcher to see the key replaced', () =>
      Promise.resolve(events.includes(`delete ${first}`) && events.includes(`put ${second}`)),
    );

    const found = await waitFor('the resolver to reach product-rpc again', () =>
      discovered.detail({ id }).then(
        (product) => product,
        () => undefined,
      ),
    );
    expect(found).toMatchObject({ id, Name: 'kite' });

    await app.stop();
    expect(await app.exited).toBe(0);
    expect(await mall.registered('product.rpc')).toEqual({});
  }, 90_000);
});
