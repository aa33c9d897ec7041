import { describe, expect, it } from 'vitest';
import { createLogger } from '@mall/logger';
import { addSeconds } from '../clock.js';
import { createManualClock } from '../manual-clock.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import type { Store } from '../store/store.js';
import { newTransGlobal, sagaBranches } from '../trans/new-trans.js';
import type { TransRequest } from '../trans/request.js';
import { DEFAULT_SETTINGS } from '../trans/settings.js';
import { createJanitor } from './janitor.js';

const START = new Date('2025-01-01T00:00:00Z');
const HOUR = 3600;

/** A one-step saga stored at START and left `submitted`, or moved to `succeed` at `endedAt`. */
async function storeSaga(store: Store, gid: string, endedAt?: Date): Promise<void> {
  const request: TransRequest = {
    gid,
    transType: 'saga',
    protocol: 'http',
    steps: [{ action: '', compensate: '' }],
    payloads: [Buffer.alloc(0)],
    customData: '',
    queryPrepared: '',
    rollbackReason: '',
    options: { concurrent: false },
  };
  await store.saveNew(newTransGlobal(request, 'submitted', START, DEFAULT_SETTINGS), sagaBranches(request, START));
  if (endedAt) await store.changeStatus(gid, 'submitted', 'succeed', { now: endedAt, finishTime: endedAt });
}

describe('janitor (memory store)', () => {
  it('runs every interval once started, deleting only old finished transactions, and stops', async () => {
    const store = createMemoryStore();
    await storeSaga(store, 'old', addSeconds(START, 60));
    await storeSaga(store, 'recent', addSeconds(START, 10 * HOUR));
    await storeSaga(store, 'live');
    const clock = createManualClock(addSeconds(START, 10 * HOUR));
    const janitor = createJanitor({
      store,
      clock,
      logger: createLogger('test', 'silent'),
      intervalSeconds: 60,
      retentionSeconds: HOUR,
    });

    janitor.start();
    while (await store.findGlobal('old')) await new Promise((resolve) => setImmediate(resolve));
    await janitor.stop();

    expect(await store.findBranches('old')).toEqual([]);
    expect(await store.findGlobal('recent')).toBeDefined();
    expect(await store.findGlobal('live')).toMatchObject({ status: 'submitted' });
    expect(await store.findBranches('live')).toHaveLength(2);
  });
});
