// The write lanes group writes of many transactions into one local transaction; each write must
// still answer exactly what it answers on its own.
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { StaleTransaction } from '../src/errors.js';
import { openMysqlStore } from '../src/store/mysql/mysql-store.js';
import type { Store } from '../src/store/store.js';
import { newTestGid } from './support/saga.js';
import { STORED_AT, storedSaga, succeeded } from './support/stored-saga.js';

let database: TestDatabase;
let store: Store;

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlUrl'), 'dtm');
  // One lane, so every write below lands in the same queue and is grouped with the others.
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

const statuses = async (gid: string) => (await store.findBranches(gid)).map((branch) => branch.status);

describe('write lanes', () => {
  it('a duplicate gid fails only its own insert, not the others grouped with it', async () => {
    const [a, b, c] = [newTestGid('a'), newTestGid('b'), newTestGid('c')];
    const twin = storedSaga(a, 'http://twin.example/x');
    const answers = await Promise.all(
      [storedSaga(a), storedSaga(b), twin, storedSaga(c)].map(({ trans, branches }) => store.saveNew(trans, branches)),
    );
    expect(answers).toEqual([true, true, false, true]);
    for (const gid of [a, b, c]) expect(await statuses(gid)).toEqual(['prepared', 'prepared']);
    expect((await store.findBranches(a)).map((branch) => branch.url)).toEqual(['', '']);
  });

  it('grouped writes of several transactions each answer as they would alone', async () => {
    const fresh = Array.from({ length: 4 }, () => storedSaga(newTestGid('w')));
    await Promise.all(fresh.map(({ trans, branches }) => store.saveNew(trans, branches)));
    const [moved, stale, written, lagging] = fresh;
    await store.changeStatus(stale!.trans.gid, 'submitted', 'failed', { now });

    const answers = await Promise.allSettled([
      store.changeStatus(moved!.trans.gid, 'submitted', 'succeed', { now, finishTime: now }, [
        succeeded(moved!.branches[1]!),
      ]),
      store.changeStatus(stale!.trans.gid, 'submitted', 'succeed', { now, finishTime: now }, [
        succeeded(stale!.branches[1]!),
      ]),
      store.updateBranches(written!.trans.gid, [succeeded(written!.branches[1]!)], 'submitted'),
      store.updateBranches(lagging!.trans.gid, [succeeded(lagging!.branches[1]!)], 'aborting'),
    ]);

    expect(
      answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : (answer.reason as unknown))),
    ).toEqual([true, false, undefined, expect.any(StaleTransaction)]);
    expect((await store.findGlobal(moved!.trans.gid))?.status).toBe('succeed');
    expect(await statuses(moved!.trans.gid)).toEqual(['prepared', 'succeed']);
    expect((await store.findGlobal(stale!.trans.gid))?.status).toBe('failed');
    expect(await statuses(stale!.trans.gid)).toEqual(['prepared', 'prepared']);
    expect(await statuses(written!.trans.gid)).toEqual(['prepared', 'succeed']);
    expect(await statuses(lagging!.trans.gid)).toEqual(['prepared', 'prepared']);
  });

  it('a branch write waits for a status change in progress, and then sees it', async () => {
    const { trans, branches } = storedSaga(newTestGid('lock'));
    await store.saveNew(trans, branches);
    const other = await mysql.createConnection(`${inject('mysqlUrl')}/${database.name}`);
    try {
      await other.query('START TRANSACTION');
      await other.query("UPDATE trans_global SET status = 'aborting' WHERE gid = ?", [trans.gid]);
      let settled = false;
      const write = store.updateBranches(trans.gid, [succeeded(branches[1]!)], 'submitted').finally(() => {
        settled = true;
      });
      write.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await other.query('COMMIT');
      await expect(write).rejects.toBeInstanceOf(StaleTransaction);
    } finally {
      await other.end();
    }
    expect(await statuses(trans.gid)).toEqual(['prepared', 'prepared']);
  });
});
