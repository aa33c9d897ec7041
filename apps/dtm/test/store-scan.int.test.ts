// scanGlobals (DTM's `all` and the admin console's list) answers the same on both stores.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { createTestDatabase, type TestDatabase } from '@mall/testing';
import { createMemoryStore } from '../src/store/memory/memory-store.js';
import { openMysqlStore } from '../src/store/mysql/mysql-store.js';
import type { GlobalScan, Store } from '../src/store/store.js';
import type { GlobalStatus, TransType } from '../src/trans/types.js';
import { STORED_AT, storedSaga } from './support/stored-saga.js';

const minutes = (count: number) => new Date(STORED_AT.getTime() + count * 60_000);

/** Saved in this order, so ids grow down the list; create times are minutes after STORED_AT. */
const ROWS: { gid: string; status: GlobalStatus; type: TransType; at: number }[] = [
  { gid: 'order-1', status: 'succeed', type: 'saga', at: 0 },
  { gid: 'order-2', status: 'failed', type: 'saga', at: 10 },
  { gid: 'ORDER-3', status: 'succeed', type: 'msg', at: 20 },
  { gid: 'pay-1', status: 'submitted', type: 'saga', at: 30 },
  { gid: 'order_4', status: 'succeed', type: 'saga', at: 40 },
  { gid: 'order%5', status: 'aborting', type: 'tcc', at: 50 },
];

let database: TestDatabase;
const stores = new Map<string, Store>([['memory', createMemoryStore()]]);

beforeAll(async () => {
  const mysqlUrl = inject('mysqlUrl');
  database = await createTestDatabase(mysqlUrl, 'dtm_scan');
  const logger = createLogger('dtm-test', 'silent');
  const mysql = await openMysqlStore({ url: mysqlUrl, database: database.name, poolSize: 2, writeLanes: 0, logger });
  stores.set('mysql', mysql);
  for (const store of stores.values()) {
    for (const row of ROWS) {
      const { trans, branches } = storedSaga(row.gid);
      const saved = { ...trans, status: row.status, transType: row.type, createTime: minutes(row.at) };
      expect(await store.saveNew(saved, branches)).toBe(true);
    }
  }
});

afterAll(async () => {
  for (const store of stores.values()) await store.close();
  await database?.drop();
});

describe.each(['memory', 'mysql'])('scanGlobals on the %s store', (name) => {
  // The MySQL store opens in beforeAll, after the tests are collected.
  const store = { scanGlobals: (scan: GlobalScan) => stores.get(name)!.scanGlobals(scan) };
  const gids = async (scan: Partial<GlobalScan>) =>
    (await store.scanGlobals({ limit: 100, ...scan })).items.map((trans) => trans.gid);

  it('lists newest first and pages by id until nextPosition is empty', async () => {
    expect(await gids({})).toEqual(ROWS.map((row) => row.gid).reverse());
    const first = await store.scanGlobals({ limit: 4 });
    expect(first.items.map((trans) => trans.gid)).toEqual(['order%5', 'order_4', 'pay-1', 'ORDER-3']);
    expect(first.nextPosition).toBe(first.items[3]!.id);
    const second = await store.scanGlobals({ limit: 4, position: first.nextPosition });
    expect(second.items.map((trans) => trans.gid)).toEqual(['order-2', 'order-1']);
    expect(second.nextPosition).toBe('');
  });

  it('filters by status and by type', async () => {
    expect(await gids({ status: 'succeed' })).toEqual(['order_4', 'ORDER-3', 'order-1']);
    expect(await gids({ transType: 'saga', status: 'succeed' })).toEqual(['order_4', 'order-1']);
    expect(await gids({ transType: 'xa' })).toEqual([]);
  });

  it('filters by gid prefix, ignoring case and taking % and _ literally', async () => {
    expect(await gids({ gidPrefix: 'order-' })).toEqual(['ORDER-3', 'order-2', 'order-1']);
    expect(await gids({ gidPrefix: 'order_' })).toEqual(['order_4']);
    expect(await gids({ gidPrefix: 'order%' })).toEqual(['order%5']);
    expect(await gids({ gidPrefix: 'pay-1' })).toEqual(['pay-1']);
  });

  it('filters by create time, both ends included, with the other filters and the cursor', async () => {
    expect(await gids({ createdFrom: minutes(10), createdTo: minutes(30) })).toEqual(['pay-1', 'ORDER-3', 'order-2']);
    expect(await gids({ createdFrom: minutes(45) })).toEqual(['order%5']);
    expect(await gids({ createdTo: minutes(5), gidPrefix: 'order' })).toEqual(['order-1']);
    const page = await store.scanGlobals({ limit: 1, createdFrom: minutes(10), createdTo: minutes(30) });
    expect(await gids({ createdFrom: minutes(10), createdTo: minutes(30), position: page.nextPosition })).toEqual([
      'ORDER-3',
      'order-2',
    ]);
  });
});
