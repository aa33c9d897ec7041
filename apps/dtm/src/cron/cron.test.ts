import { describe, expect, it } from 'vitest';
import { createLogger } from '@mall/logger';
import type { Processor } from '../engine/processor.js';
import { createCron } from './cron.js';
import { createManualClock } from '../manual-clock.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { newTransGlobal, sagaBranches } from '../trans/new-trans.js';
import type { TransRequest } from '../trans/request.js';
import { DEFAULT_SETTINGS } from '../trans/settings.js';

/** `due` submitted sagas past their retry time, and a processor whose passes end only when released. */
async function backlog(due: number) {
  const store = createMemoryStore();
  const clock = createManualClock(new Date('2025-01-01T00:00:00Z'));
  for (let index = 0; index < due; index++) {
    const request: TransRequest = {
      gid: `g${index}`,
      transType: 'saga',
      protocol: 'grpc',
      steps: [{ action: 'a', compensate: 'c' }],
      payloads: [],
      customData: '',
      queryPrepared: '',
      rollbackReason: '',
      options: { concurrent: false },
    };
    await store.saveNew(
      newTransGlobal(request, 'submitted', clock.now(), DEFAULT_SETTINGS),
      sagaBranches(request, clock.now()),
    );
  }
  clock.advance(3600);
  const running = new Set<string>();
  let inFlight = 0;
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const processor: Processor = {
    async process(trans) {
      inFlight++;
      running.add(trans.gid);
      await released;
      running.delete(trans.gid);
      inFlight--;
      return true;
    },
    processLater: () => undefined,
    idle: () => Promise.resolve(),
  };
  const cron = (workers?: number) =>
    createCron({
      store,
      processor,
      clock,
      logger: createLogger('test', 'silent'),
      intervalSeconds: 1,
      leaseSeconds: 10,
      workers,
    });
  return { cron, running, inFlight: () => inFlight, release };
}

describe('cron workers', () => {
  // Regression (chaos test): one loop resumed one saga at a time, so after an outage a backlog of a few
  // hundred due sagas took minutes to drain even once every service was back.
  it('resume as many due transactions at once as there are workers, each a different one', async () => {
    const { cron, running, inFlight, release } = await backlog(5);
    const three = cron(3);
    three.start();
    await expect.poll(inFlight).toBe(3);
    expect(running.size).toBe(3);
    release();
    await three.stop();
  });

  it('resume one at a time by default, as DTM does', async () => {
    const { cron, inFlight, release } = await backlog(5);
    const one = cron();
    one.start();
    await expect.poll(inFlight).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(inFlight()).toBe(1);
    release();
    await one.stop();
  });
});
