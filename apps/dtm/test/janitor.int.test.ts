// The janitor deletes finished transactions past the retention, with their branch rows, in bounded
// batches, and never an unfinished one; several instances may run it on one database at once.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { createTestDatabase } from '@mall/testing';
import { addSeconds } from '../src/clock.js';
import { createJanitor } from '../src/janitor/janitor.js';
import { createManualClock } from '../src/manual-clock.js';
import { openMysqlStore } from '../src/store/mysql/mysql-store.js';
import type { Store } from '../src/store/store.js';
import type { GlobalStatus } from '../src/trans/types.js';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { newTestGid, sagaBody } from './support/saga.js';
import { STORED_AT, storedSaga, succeeded } from './support/stored-saga.js';

const HOUR = 3600;
const logger = createLogger('janitor-test', 'silent');

/** One throw-away database and `count` stores on it, as `count` server instances would have. */
async function openInstances(count: number) {
  const database = await createTestDatabase(inject('mysqlUrl'), 'dtm');
  const stores: Store[] = [];
  for (let i = 0; i < count; i += 1) {
    stores.push(
      await openMysqlStore({ url: inject('mysqlUrl'), database: database.name, poolSize: 4, writeLanes: i, logger }),
    );
  }
  return {
    stores,
    store: stores[0]!,
    async close() {
      await Promise.all(stores.map((store) => store.close()));
      await database.drop();
    },
  };
}

type Instances = Awaited<ReturnType<typeof openInstances>>;
let instances: Instances | undefined;

afterEach(async () => {
  await instances?.close();
  instances = undefined;
});

/** A stored one-step saga (two branch rows) moved to `status` at `at`. */
async function saga(store: Store, status: GlobalStatus, at: Date, label: string = status): Promise<string> {
  const gid = newTestGid(label);
  const { trans, branches } = storedSaga(gid);
  if (status === 'prepared') {
    await store.saveNew({ ...trans, status: 'prepared' }, branches);
    return gid;
  }
  await store.saveNew(trans, branches);
  if (status === 'submitted') return gid;
  if (status === 'succeed') {
    await store.changeStatus(gid, 'submitted', 'succeed', { now: at, finishTime: at }, branches.map(succeeded));
  } else {
    await store.changeStatus(gid, 'submitted', 'aborting', { now: at, rollbackReason: 'test' });
    if (status === 'failed') await store.changeStatus(gid, 'aborting', 'failed', { now: at, rollbackTime: at });
  }
  return gid;
}

const exists = async (store: Store, gid: string) =>
  (await store.findGlobal(gid)) !== undefined && (await store.findBranches(gid)).length === 2;
const gone = async (store: Store, gid: string) =>
  (await store.findGlobal(gid)) === undefined && (await store.findBranches(gid)).length === 0;

const janitorAt = (store: Store, now: Date, batchSize?: number) =>
  createJanitor({
    store,
    clock: createManualClock(now),
    logger,
    intervalSeconds: 60,
    retentionSeconds: HOUR,
    ...(batchSize === undefined ? {} : { batchSize }),
  });

describe('janitor (MySQL store)', () => {
  const ended = addSeconds(STORED_AT, 60);
  const now = addSeconds(STORED_AT, 3 * HOUR);

  it('deletes finished transactions older than the retention with their branches, and nothing else', async () => {
    instances = await openInstances(1);
    const { store } = instances;
    const oldSucceed = await saga(store, 'succeed', ended);
    const oldFailed = await saga(store, 'failed', ended);
    const recent = await saga(store, 'succeed', addSeconds(now, -HOUR + 60), 'recent');
    const unfinished = await Promise.all(
      (['prepared', 'submitted', 'aborting'] as const).map((status) => saga(store, status, ended)),
    );

    const run = await janitorAt(store, now).runOnce();

    expect(run).toMatchObject({ transactions: 2, branches: 4 });
    expect(await gone(store, oldSucceed)).toBe(true);
    expect(await gone(store, oldFailed)).toBe(true);
    expect(await exists(store, recent)).toBe(true);
    for (const gid of unfinished) expect(await exists(store, gid)).toBe(true);
    expect(await janitorAt(store, now).runOnce()).toMatchObject({ transactions: 0, branches: 0 });
  });

  it('never deletes an unfinished transaction, however old', async () => {
    instances = await openInstances(1);
    const { store } = instances;
    const unfinished = await Promise.all(
      (['prepared', 'submitted', 'aborting'] as const).map((status) => saga(store, status, ended)),
    );
    const tenYearsOn = addSeconds(STORED_AT, 10 * 365 * 24 * HOUR);
    expect(await janitorAt(store, tenYearsOn).runOnce()).toMatchObject({ transactions: 0 });
    for (const gid of unfinished) expect(await exists(store, gid)).toBe(true);
  });

  it('deletes in batches of at most batchSize transactions', async () => {
    instances = await openInstances(1);
    const { store } = instances;
    const gids = [];
    for (let i = 0; i < 5; i += 1) gids.push(await saga(store, 'succeed', ended));

    expect(await store.purgeFinished(addSeconds(now, -HOUR), 2)).toEqual({ transactions: 2, branches: 4 });
    expect(await janitorAt(store, now, 2).runOnce()).toEqual({ transactions: 3, branches: 6, batches: 2 });
    for (const gid of gids) expect(await gone(store, gid)).toBe(true);
  });

  it('two instances running it at once delete each finished transaction once and keep the rest', async () => {
    instances = await openInstances(2);
    const first = instances.stores[0]!;
    const second = instances.stores[1]!;
    const finished = await Promise.all(
      Array.from({ length: 120 }, (_, i) => saga(i % 2 ? first : second, i % 3 ? 'succeed' : 'failed', ended)),
    );
    const kept = await Promise.all([
      ...Array.from({ length: 10 }, () => saga(first, 'submitted', ended)),
      ...Array.from({ length: 10 }, () => saga(second, 'succeed', addSeconds(now, -60), 'recent')),
    ]);

    const [one, other] = await Promise.all([janitorAt(first, now, 7).runOnce(), janitorAt(second, now, 7).runOnce()]);

    expect(one.transactions + other.transactions).toBe(120);
    expect(one.branches + other.branches).toBe(240);
    for (const gid of finished) expect(await gone(first, gid)).toBe(true);
    for (const gid of kept) expect(await exists(second, gid)).toBe(true);
  });
});

describe('janitor and a live saga', () => {
  let dtm: Dtm;
  let busi: Busi;

  beforeAll(async () => {
    [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), startBusi()]);
  });

  afterAll(async () => {
    await busi?.stop();
    await dtm?.stop();
  });

  it('keeps a saga that retries for longer than the retention, and deletes it once it has ended that long', async () => {
    const gid = newTestGid('retrying');
    const failures = 5;
    busi.setNext('TransIn', 'ERROR', failures);
    await dtm.post('submit', sagaBody(gid, busi.httpUrl));
    const janitor = createJanitor({
      store: dtm.store,
      clock: dtm.clock,
      logger,
      intervalSeconds: 60,
      retentionSeconds: HOUR,
    });

    // One retry every 20 minutes (the backoff has doubled past that), with a janitor run after each.
    let live = 0;
    while ((await dtm.states(gid)).status === 'submitted') {
      expect(await janitor.runOnce()).toMatchObject({ transactions: 0 });
      await dtm.cronAfter(1200);
      live += 1200;
    }
    expect(live).toBeGreaterThan(HOUR);
    expect(await dtm.states(gid)).toMatchObject({ status: 'succeed' });
    expect(busi.trail(gid).filter((call) => call === 'TransIn:action')).toHaveLength(failures + 1);
    expect(await janitor.runOnce()).toMatchObject({ transactions: 0 });

    // Counted from its end, or from its last scheduled retry (up to one backoff interval later).
    const { transaction } = (await dtm.get(`query?gid=${gid}`)).body as { transaction: Record<string, string> };
    const lastActivity = Math.max(Date.parse(transaction.update_time!), Date.parse(transaction.next_cron_time!));
    dtm.clock.advance(HOUR + (lastActivity - dtm.clock.now().getTime()) / 1000 + 1);
    expect(await janitor.runOnce()).toMatchObject({ transactions: 1, branches: 4 });
    expect(await dtm.states(gid)).toMatchObject({ status: 'none' });
  });
});
