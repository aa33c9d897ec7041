import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger } from '@mall/logger';
import { createProcessor } from '../engine/processor.js';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { Outcome } from '../invoke/outcome.js';
import { createManualClock } from '../manual-clock.js';
import { createDtmMetrics } from '../metrics.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { newTransGlobal, sagaBranches } from '../trans/new-trans.js';
import type { TransRequest } from '../trans/request.js';
import { DEFAULT_SETTINGS } from '../trans/settings.js';

/** An invoker that answers from a script per URL (SUCCESS once the script runs out) and records the calls. */
function scriptedInvoker(script: Record<string, Outcome['result'][]>) {
  const calls: string[] = [];
  const invoker: BranchInvoker = {
    check: () => undefined,
    invoke(call) {
      calls.push(call.url);
      const result = script[call.url]?.shift() ?? 'SUCCESS';
      return Promise.resolve(result === 'SUCCESS' ? { result } : { result, message: `${call.url} said ${result}` });
    },
    close: () => undefined,
  };
  return { invoker, calls };
}

function harness(script: Record<string, Outcome['result'][]> = {}, settings = DEFAULT_SETTINGS) {
  const store = createMemoryStore();
  const clock = createManualClock(new Date('2025-01-01T00:00:00Z'));
  const { invoker, calls } = scriptedInvoker(script);
  const processor = createProcessor({
    store,
    invoker,
    clock,
    settings,
    logger: createLogger('test', 'silent'),
    metrics: createDtmMetrics(new Registry()),
  });
  const run = async (steps: number, extra: Partial<TransRequest> = {}) => {
    const request: TransRequest = {
      gid: 'g',
      transType: 'saga',
      protocol: 'http',
      steps: Array.from({ length: steps }, (_, i) => ({ action: `a${i}`, compensate: `c${i}` })),
      payloads: [],
      customData: '',
      queryPrepared: '',
      rollbackReason: '',
      options: { concurrent: false },
      ...extra,
    };
    const trans = newTransGlobal(request, 'submitted', clock.now(), settings);
    await store.saveNew(trans, sagaBranches(request, clock.now()));
    await processor.process(trans);
    return store.findGlobal('g');
  };
  return { store, clock, calls, run, processor };
}

describe('one saga pass', () => {
  it('compensates a sequential saga backwards from the failed step, skipping steps never started', async () => {
    const { run, calls } = harness({ a2: ['FAILURE'] });
    expect((await run(4))?.status).toBe('failed');
    expect(calls).toEqual(['a0', 'a1', 'a2', 'c2', 'c1', 'c0']);
  });

  it('rolls a concurrent saga back along the reversed order graph', async () => {
    // 0 → 1 → 3 and 0 → 2; step 3 fails, so 3 is undone before 1, and 1 and 2 before 0.
    const custom = JSON.stringify({ concurrent: true, orders: { 1: [0], 2: [0], 3: [1] } });
    const { run, calls } = harness({ a3: ['FAILURE'] });
    expect((await run(4, { customData: custom }))?.status).toBe('failed');
    const at = (url: string) => calls.indexOf(url);
    expect(at('c3')).toBeLessThan(at('c1'));
    expect(at('c1')).toBeLessThan(at('c0'));
    expect(at('c2')).toBeLessThan(at('c0'));
  });

  it('keeps an unfinished compensation for the cron, and never treats its FAILURE as final', async () => {
    const { run, store, processor, clock, calls } = harness({ a1: ['FAILURE'], c0: ['FAILURE'] });
    expect((await run(2))?.status).toBe('aborting');
    clock.advance(30);
    await processor.process((await store.findGlobal('g'))!);
    expect((await store.findGlobal('g'))?.status).toBe('failed');
    expect(calls.filter((url) => url === 'c0')).toHaveLength(2);
  });

  it('doubles the retry interval after errors, up to the configured ceiling', async () => {
    const settings = { ...DEFAULT_SETTINGS, maxRetryInterval: 30 };
    const { run, store, processor } = harness({ a0: ['ERROR', 'ERROR', 'ERROR'] }, settings);
    const intervals = [(await run(1))!.nextCronInterval];
    for (let i = 0; i < 2; i++) {
      await processor.process((await store.findGlobal('g'))!);
      intervals.push((await store.findGlobal('g'))!.nextCronInterval);
    }
    expect(intervals).toEqual([20, 30, 30]);
  });

  it('polls ONGOING at a fixed interval', async () => {
    const { run } = harness({ a0: ['ONGOING'] });
    const trans = await run(1, { options: { concurrent: false, retry_interval: 15 } });
    expect(trans).toMatchObject({ status: 'submitted', nextCronInterval: 15 });
  });

  it('stops quietly when another instance has moved the transaction on', async () => {
    const { store, clock, processor } = harness();
    const request: TransRequest = {
      gid: 'g',
      transType: 'saga',
      protocol: 'http',
      steps: [{ action: 'a0', compensate: 'c0' }],
      payloads: [],
      customData: '',
      queryPrepared: '',
      rollbackReason: '',
      options: { concurrent: false },
    };
    const trans = newTransGlobal(request, 'submitted', clock.now(), DEFAULT_SETTINGS);
    await store.saveNew(trans, sagaBranches(request, clock.now()));
    await store.changeStatus('g', 'submitted', 'failed', { now: clock.now() });
    await processor.process(trans);
    expect((await store.findBranches('g')).map((branch) => branch.status)).toEqual(['prepared', 'prepared']);
  });
});
