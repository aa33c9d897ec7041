// What one saga costs the database, counted on the wire: every COM_QUERY is one round trip.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { startMysqlProxy, type MysqlProxy } from './support/mysql-proxy.js';
import { newTestGid, sagaBody } from './support/saga.js';

let proxy: MysqlProxy;
let busi: Busi;
let grouped: Dtm;
let ungrouped: Dtm;

beforeAll(async () => {
  [proxy, busi] = await Promise.all([startMysqlProxy(inject('mysqlUrl')), startBusi()]);
  grouped = await startDtm({ mysqlUrl: proxy.url, writeLanes: 2 });
  ungrouped = await startDtm({ mysqlUrl: proxy.url, writeLanes: 0, database: grouped.database });
});

afterAll(async () => {
  await ungrouped?.stop();
  await grouped?.stop();
  await busi?.stop();
  await proxy?.stop();
});

/** The benchmark's saga: two steps whose URLs are all empty, with wait_result. */
const emptySaga = (gid: string) => ({
  gid,
  trans_type: 'saga',
  wait_result: true,
  steps: [
    { action: '', compensate: '' },
    { action: '', compensate: '' },
  ],
  payloads: ['{}', '{}'],
});

/** Round trips made while `work` runs, each split into its statements. */
async function roundTrips(work: () => Promise<unknown>): Promise<string[][]> {
  proxy.reset();
  await work();
  return proxy.queries().map((sql) => sql.split(';\n').map((statement) => statement.trim().split(/\s+/, 2).join(' ')));
}

describe('storage cost of one saga', () => {
  it('two no-op steps: one round trip stores it, one finishes it (3 statements, 2 commits)', async () => {
    const gid = newTestGid('cost');
    let answer: unknown;
    const trips = await roundTrips(async () => (answer = (await grouped.post('submit', emptySaga(gid))).body));
    expect(answer).toEqual({ dtm_result: 'SUCCESS' });
    expect(trips).toEqual([
      ['START TRANSACTION', 'INSERT INTO', 'INSERT INTO', 'COMMIT'],
      // Both actions' results and `succeed` in one autocommit statement, under the global row's lock.
      ['UPDATE trans_global'],
    ]);
    expect(await grouped.states(gid)).toEqual({
      status: 'succeed',
      branches: ['prepared', 'succeed', 'prepared', 'succeed'],
      reason: '',
    });
  });

  it('two HTTP steps: one more round trip, for the first action, before the call of the second', async () => {
    const gid = newTestGid('cost-http');
    const trips = await roundTrips(() => grouped.post('submit', sagaBody(gid, busi.httpUrl, { wait_result: true })));
    expect(trips).toEqual([
      ['START TRANSACTION', 'INSERT INTO', 'INSERT INTO', 'COMMIT'],
      ['UPDATE trans_global'],
      ['UPDATE trans_global'],
    ]);
    expect((await grouped.states(gid)).branches).toEqual(['prepared', 'succeed', 'prepared', 'succeed']);
  });

  it('concurrent sagas share round trips and commits', async () => {
    const gids = Array.from({ length: 40 }, () => newTestGid('group'));
    const trips = await roundTrips(() => Promise.all(gids.map((gid) => grouped.post('submit', emptySaga(gid)))));
    expect(trips.length).toBeLessThan(2 * gids.length);
    for (const gid of gids) expect((await grouped.states(gid)).status).toBe('succeed');
  });

  it('without write lanes, each write is its own local transaction (the reference forms)', async () => {
    const gid = newTestGid('cost-direct');
    const trips = await roundTrips(() => ungrouped.post('submit', emptySaga(gid)));
    expect(trips.map(([statement]) => statement)).toEqual([
      'START TRANSACTION',
      'INSERT INTO',
      'INSERT INTO',
      'COMMIT',
      'START TRANSACTION',
      'SELECT id',
      'INSERT INTO',
      'UPDATE trans_global',
      'COMMIT',
    ]);
    expect((await ungrouped.states(gid)).status).toBe('succeed');
  });
});
