// Writes of one gid keep their order in the write lanes, also when a group fails and its writes
// are run one by one: a later write of the same gid must not overtake an earlier one.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { openMysqlStore } from '../src/store/mysql/mysql-store.js';
import type { Store } from '../src/store/store.js';
import { newTestGid } from './support/saga.js';
import { STORED_AT, storedSaga, succeeded } from './support/stored-saga.js';

let database: TestDatabase;
let store: Store;

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'dtm');
  store = await openMysqlStore({
    url: inject('mysqlUrl'),
    database: database.name,
    poolSize: 4,
    writeLanes: 1,
    logger: createLogger('test', 'silent'),
  });
});

afterAll(async () => {
  await store?.close();
  await database?.drop();
});

const now = STORED_AT;

const nextCheck = () => new Promise((resolve) => setImmediate(resolve));

describe('write lanes keep the order of one gid', () => {
  it('after a failed group, a later write of the same gid waits for the earlier ones run alone', async () => {
    const taken = storedSaga(newTestGid('taken'));
    const target = storedSaga(newTestGid('order'));
    expect(await store.saveNew(taken.trans, taken.branches)).toBe(true);
    expect(await store.saveNew(target.trans, target.branches)).toBe(true);

    for (let round = 0; round < 5; round++) {
      const { trans, branches } = storedSaga(newTestGid('order'));
      await store.saveNew(trans, branches);
      // Group 1: a duplicate gid fails it, so its branch write runs alone.
      const duplicate = store.saveNew(taken.trans, taken.branches);
      const first = store.updateBranches(trans.gid, [succeeded(branches[1]!)], 'submitted');
      await nextCheck();
      // Queued while group 1 is in flight: goes in the next group, after the branch write.
      const second = store.changeStatus(trans.gid, 'submitted', 'aborting', { now });
      const answers = await Promise.allSettled([duplicate, first, second]);
      expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect((answers[2] as PromiseFulfilledResult<boolean>).value).toBe(true);
      expect((await store.findBranches(trans.gid)).map((branch) => branch.status)).toEqual(['prepared', 'succeed']);
      expect((await store.findGlobal(trans.gid))?.status).toBe('aborting');
    }
  });
});

describe('closing a store with write lanes', () => {
  it('commits the writes already queued before it closes the connections', async () => {
    const own = await createTestDatabase(inject('mysqlUrl'), 'dtm');
    const closing = await openMysqlStore({
      url: inject('mysqlUrl'),
      database: own.name,
      poolSize: 2,
      writeLanes: 2,
      logger: createLogger('test', 'silent'),
    });
    try {
      const fresh = Array.from({ length: 20 }, () => storedSaga(newTestGid('close')));
      const writes = Promise.allSettled(fresh.map(({ trans, branches }) => closing.saveNew(trans, branches)));
      await closing.close();
      expect((await writes).map((answer) => answer.status)).toEqual(fresh.map(() => 'fulfilled'));
    } finally {
      await own.drop();
    }
  });
});
