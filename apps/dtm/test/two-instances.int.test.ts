import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { newTestGid, sagaBody } from './support/saga.js';

let first: Dtm;
let second: Dtm;
let busi: Busi;

beforeAll(async () => {
  [first, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl') }), startBusi()]);
  second = await startDtm({ mysqlUrl: inject('mysqlUrl'), database: first.database });
});

afterAll(async () => {
  await busi?.stop();
  await second?.stop();
  await first?.stop();
});

describe('two server instances on one database', () => {
  it('share the cron work without calling any branch twice', async () => {
    const gids = Array.from({ length: 12 }, () => newTestGid('pair'));
    busi.setNext('TransOut', 'ONGOING', gids.length);
    await Promise.all(gids.map((gid) => first.post('submit', sagaBody(gid, busi.httpUrl))));
    await first.server.processor.idle();

    await Promise.all([first.cronAfter(10), second.cronAfter(10)]);

    for (const gid of gids) {
      expect((await first.states(gid)).status).toBe('succeed');
      expect(busi.trail(gid)).toEqual(['TransOut:action', 'TransOut:action', 'TransIn:action']);
    }
  });

  it('a lease goes to one instance only', async () => {
    const gid = newTestGid('lease');
    busi.setNext('TransOut', 'ONGOING');
    await first.post('submit', sagaBody(gid, busi.httpUrl));
    await first.server.processor.idle();
    const later = new Date(first.clock.now().getTime() + 60_000);
    const leases = await Promise.all(
      [first, second, first, second].map((dtm, i) =>
        dtm.store.leaseDue({ now: later, until: new Date(later.getTime() + 10_000), owner: `owner-${i}` }),
      ),
    );
    expect(leases.filter((lease) => lease?.gid === gid)).toHaveLength(1);
  });
});
