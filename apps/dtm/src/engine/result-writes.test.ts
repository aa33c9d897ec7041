import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createLogger } from '@mall/logger';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { Outcome } from '../invoke/outcome.js';
import { createManualClock } from '../manual-clock.js';
import { createDtmMetrics } from '../metrics.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import type { Store } from '../store/store.js';
import { newTransGlobal, sagaBranches } from '../trans/new-trans.js';
import type { TransRequest } from '../trans/request.js';
import { DEFAULT_SETTINGS } from '../trans/settings.js';
import type { Branch } from '../trans/types.js';
import { createProcessor } from './processor.js';

type Answer = (url: string) => Promise<Outcome['result']>;

const rows = (branches: Branch[]) =>
  branches.map((branch) => `${branch.op}${branch.branchId}=${branch.status}`).join(' ');

/** A memory store that also lists every write the engine makes, in order. */
function recordingStore(): { store: Store; writes: string[] } {
  const store = createMemoryStore();
  const writes: string[] = [];
  return {
    writes,
    store: {
      ...store,
      saveNew(trans, branches) {
        writes.push('insert');
        return store.saveNew(trans, branches);
      },
      updateBranches(gid, branches, status) {
        writes.push(`branches ${rows(branches)}`);
        return store.updateBranches(gid, branches, status);
      },
      changeStatus(gid, from, to, change, branches = []) {
        writes.push(`${from}→${to}${branches.length > 0 ? ` ${rows(branches)}` : ''}`);
        return store.changeStatus(gid, from, to, change, branches);
      },
      touchCronTime(...args) {
        writes.push('schedule');
        return store.touchCronTime(...args);
      },
    },
  };
}

function harness(answer: Answer = () => Promise.resolve('SUCCESS')) {
  const { store, writes } = recordingStore();
  const clock = createManualClock(new Date('2025-01-01T00:00:00Z'));
  const calls: string[] = [];
  const invoker: BranchInvoker = {
    check: () => undefined,
    async invoke(call) {
      if (call.url === '') return { result: 'SUCCESS' };
      calls.push(call.url);
      const result = await answer(call.url);
      return result === 'SUCCESS' ? { result } : { result, message: `${call.url} said ${result}` };
    },
    close: () => undefined,
  };
  const processor = createProcessor({
    store,
    invoker,
    clock,
    settings: DEFAULT_SETTINGS,
    logger: createLogger('test', 'silent'),
    metrics: createDtmMetrics(new Registry()),
  });
  const run = async (steps: { action: string; compensate: string }[], customData = '') => {
    const request: TransRequest = {
      gid: 'g',
      transType: 'saga',
      protocol: 'http',
      steps,
      payloads: [],
      customData,
      queryPrepared: '',
      rollbackReason: '',
      options: { concurrent: customData !== '' },
    };
    const trans = newTransGlobal(request, 'submitted', clock.now(), DEFAULT_SETTINGS);
    const branches = sagaBranches(request, clock.now());
    await store.saveNew(trans, branches);
    await processor.process(trans, branches);
    return { trans: await store.findGlobal('g'), branches: rows(await store.findBranches('g')) };
  };
  return { store, writes, calls, clock, run };
}

describe('when a pass writes branch results', () => {
  it('a saga of no-op steps is stored, then finished with both results in one write', async () => {
    const { run, writes } = harness();
    const { trans } = await run([
      { action: '', compensate: '' },
      { action: '', compensate: '' },
    ]);
    expect(trans?.status).toBe('succeed');
    expect(writes).toEqual(['insert', 'submitted→succeed action01=succeed action02=succeed']);
  });

  it('a result is written before the next call starts, and the last one with the status change', async () => {
    let seenByA1 = '';
    const { run, writes, store } = harness(async (url) => {
      if (url === 'a1') seenByA1 = rows(await store.findBranches('g'));
      return 'SUCCESS';
    });
    await run([
      { action: 'a0', compensate: 'c0' },
      { action: 'a1', compensate: 'c1' },
    ]);
    expect(seenByA1).toBe('compensate01=prepared action01=succeed compensate02=prepared action02=prepared');
    expect(writes).toEqual(['insert', 'branches action01=succeed', 'submitted→succeed action02=succeed']);
  });

  it('a failed action and its no-op predecessor go with the move to aborting', async () => {
    const { run, writes, calls } = harness((url) => Promise.resolve(url === 'a1' ? 'FAILURE' : 'SUCCESS'));
    const { trans } = await run([
      { action: '', compensate: 'c0' },
      { action: 'a1', compensate: '' },
    ]);
    expect(trans?.status).toBe('failed');
    expect(calls).toEqual(['a1', 'c0']);
    expect(writes).toEqual([
      'insert',
      // Written before a1 was called: a1 could only start once step 0 had succeeded.
      'branches action01=succeed',
      'submitted→aborting action02=failed',
      // c1 is a no-op: its result waits, and is written before c0 is called.
      'branches compensate02=succeed',
      'aborting→failed compensate01=succeed',
    ]);
  });

  it('while another call of the pass is under way, a result is written at once', async () => {
    let releaseA1 = () => {};
    const a1 = new Promise<void>((resolve) => (releaseA1 = resolve));
    const { run, writes } = harness(async (url) => {
      if (url === 'a1') await a1;
      else setTimeout(releaseA1, 10);
      return 'SUCCESS';
    });
    const custom = JSON.stringify({ concurrent: true });
    await run(
      [
        { action: 'a0', compensate: 'c0' },
        { action: 'a1', compensate: 'c1' },
      ],
      custom,
    );
    expect(writes).toEqual(['insert', 'branches action01=succeed', 'submitted→succeed action02=succeed']);
  });

  it('a result left when the pass runs out of time is written at its end', async () => {
    const { run, writes, clock } = harness((url) => {
      if (url === 'a0') clock.advance(60);
      return Promise.resolve('SUCCESS');
    });
    const { trans, branches } = await run([
      { action: 'a0', compensate: 'c0' },
      { action: 'a1', compensate: 'c1' },
    ]);
    expect(trans?.status).toBe('submitted');
    expect(branches).toBe('compensate01=prepared action01=succeed compensate02=prepared action02=prepared');
    expect(writes).toEqual(['insert', 'schedule', 'branches action01=succeed']);
  });
});
