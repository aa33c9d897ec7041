import { describe, expect, it } from 'vitest';
import type { LoadShape, ScenarioReport, StepRecord } from '../scenarios/scenario.js';
import { peakRssLine, scenarioSection, scenarioTable } from './scenario-table.js';
import { scenarioPassed, summaryLine } from './summary.js';

function step(variant: string, shape: LoadShape, ok: number, errors = 0): StepRecord {
  return {
    variant,
    shape,
    result: {
      ok,
      errors,
      errorKinds: errors > 0 ? new Map([['answered 503', errors]]) : new Map(),
      latenciesMs: Array.from({ length: ok }, (_, index) => index + 1),
      elapsedMs: 1000,
    },
    usage: {
      cpuPer1k: new Map([
        ['dtm', 1.5],
        ['driver', 0.25],
      ]),
      cpuPercent: 150,
      peakRssMb: new Map([
        ['dtm', ok / 10],
        ['driver', 80],
      ]),
      db: { commits: 2, handlerCommits: 6, dml: 8, questions: 12.5 },
    },
  };
}

const closed = (concurrency: number): LoadShape => ({ kind: 'closed', concurrency });

const barrier: ScenarioReport = {
  name: 'dtm-barrier',
  comparison: { variant: 'saga', baseline: 'raw' },
  steps: [
    step('saga', closed(8), 500),
    step('raw', closed(8), 1000),
    step('saga', closed(32), 600),
    step('raw', closed(32), 800),
    step('saga', { kind: 'rate', fraction: 0.5, ratePerSecond: 300 }, 300),
  ],
  invariants: [{ name: 'balances conserved', ok: true, detail: 'Σ balance 10' }],
  failures: [],
};

describe('scenario table', () => {
  it('has a row per step, the ratio to the baseline at the same concurrency, and a CPU column per process', () => {
    const lines = scenarioTable(barrier).split('\n');
    expect(lines[0]).toMatch(/^variant\s+load\s+ops\s+err\s+ops\/s\s+vs base\s+p50 ms.*q\/op\s+cpu:dtm\s+cpu:driver$/);
    expect(lines[2]).toMatch(
      /^saga\s+c=8\s+500\s+0\s+500\s+0\.50\s+250\.0\s+475\.0\s+495\.0\s+150\s+2\.00\s+6\.00\s+8\.00\s+12\.50\s+1\.50\s+0\.25$/,
    );
    expect(lines[4]).toMatch(/^saga\s+c=32\s+600\s+0\s+600\s+0\.75\s/);
    expect(lines[6]).toMatch(/^saga\s+0\.5x=300\/s\s+300\s+0\s+300\s{2,}150\.0/);
  });

  it('lists the highest peak RSS of each process', () => {
    expect(peakRssLine(barrier.steps)).toBe('peak RSS (MB): dtm 100, driver 80');
  });

  it('ends the section with the best-vs-best ratio, errors, invariants and failures', () => {
    const failing: ScenarioReport = {
      ...barrier,
      steps: [...barrier.steps, step('raw', closed(128), 10, 3)],
      failures: ['bench-rm did not start'],
    };
    const section = scenarioSection(failing).split('\n');
    expect(section[0]).toBe('== dtm-barrier');
    expect(section).toContain('best saga / best raw throughput: 0.60');
    expect(section).toContain('error x3  raw c=128: answered 503');
    expect(section).toContain('invariant balances conserved: OK (Σ balance 10)');
    expect(section).toContain('FAILED: bench-rm did not start');
  });
});

describe('summary line', () => {
  it('gives each variant at its best, the ratio, p99 under the fixed rate and the invariants', () => {
    const empty: ScenarioReport = {
      name: 'dtm-empty',
      steps: [step('http', closed(8), 900), step('grpc', closed(8), 1200)],
      invariants: [],
      failures: [],
    };
    expect(summaryLine([empty, barrier])).toBe(
      'bench: dtm-empty http 900/s @c=8, grpc 1200/s @c=8 | ' +
        'dtm-barrier saga 600/s @c=32, raw 1000/s @c=8, ratio 0.60, p99 297.0 ms @0.5x, invariants OK => PASS',
    );
  });

  it('fails the run on an error, a broken invariant or a failure', () => {
    expect(scenarioPassed(barrier)).toBe(true);
    expect(scenarioPassed({ ...barrier, steps: [step('saga', closed(1), 5, 1)] })).toBe(false);
    expect(scenarioPassed({ ...barrier, invariants: [{ name: 'stock', ok: false, detail: '' }] })).toBe(false);
    const noBaseline: ScenarioReport = { ...barrier, steps: [step('saga', closed(8), 5)], failures: ['no baseline'] };
    expect(scenarioPassed(noBaseline)).toBe(false);
    expect(summaryLine([noBaseline])).toBe(
      'bench: dtm-barrier saga 5.0/s @c=8, ratio -, invariants OK, 1 failure => FAIL',
    );
  });
});
