import { throughput } from '../load/operation.js';
import { bestRatio } from '../scenarios/best-step.js';
import type { ScenarioReport, StepRecord } from '../scenarios/scenario.js';
import { summarizeLatencies } from '../stats.js';
import { figure, perSecond, shapeLabel } from './format.js';
import { formatTable, type Column } from './table.js';

/** What the columns of every scenario table mean (printed once, under the last table). */
export const COLUMNS_CAPTION = [
  'columns: ops = successful operations; err = failed ones; ops/s = ops per second; vs base = ops/s over the',
  'baseline at the same load; p50/p95/p99 = latency (open loop: from when the operation was due); cpu% = CPU of',
  'all watched processes over wall time (100 = one core busy); commit/op = COMMIT statements, hcommit/op =',
  'storage-engine commits (statement-level ones included), dml/op = SELECT+INSERT+UPDATE+DELETE, q/op = all',
  'statements, each per successful operation from server-wide counters; cpu:<process> = its CPU seconds',
  '(user+system) per 1,000 successful operations.',
].join('\n');

/** Process names in the order they first appear. */
function processNames(steps: readonly StepRecord[]): string[] {
  return [...new Set(steps.flatMap((step) => [...step.usage.cpuPer1k.keys()]))];
}

/** The step's throughput over the baseline's at the same concurrency. */
function ratioCell(report: ScenarioReport, step: StepRecord): string {
  const { comparison } = report;
  if (!comparison || step.variant !== comparison.variant || step.shape.kind !== 'closed') return '';
  const { concurrency } = step.shape;
  const base = report.steps.find(
    (other) =>
      other.variant === comparison.baseline && other.shape.kind === 'closed' && other.shape.concurrency === concurrency,
  );
  const baseRate = base ? throughput(base.result) : 0;
  return baseRate > 0 ? (throughput(step.result) / baseRate).toFixed(2) : '-';
}

function stepRow(report: ScenarioReport, step: StepRecord, processes: readonly string[]): string[] {
  const { result, usage } = step;
  const latency = summarizeLatencies(result.latenciesMs);
  return [
    step.variant,
    shapeLabel(step.shape),
    String(result.ok),
    String(result.errors),
    perSecond(throughput(result)),
    ratioCell(report, step),
    figure(latency.p50),
    figure(latency.p95),
    figure(latency.p99),
    figure(usage.cpuPercent, 0),
    figure(usage.db.commits, 2),
    figure(usage.db.handlerCommits, 2),
    figure(usage.db.dml, 2),
    figure(usage.db.questions, 2),
    ...processes.map((name) => figure(usage.cpuPer1k.get(name), 2)),
  ];
}

export function scenarioTable(report: ScenarioReport): string {
  const processes = processNames(report.steps);
  const right = (header: string): Column => ({ header, align: 'right' });
  const columns: Column[] = [
    { header: 'variant' },
    { header: 'load' },
    ...['ops', 'err', 'ops/s', 'vs base', 'p50 ms', 'p95 ms', 'p99 ms', 'cpu%'].map(right),
    ...['commit/op', 'hcommit/op', 'dml/op', 'q/op'].map(right),
    ...processes.map((name) => right(`cpu:${name}`)),
  ];
  return formatTable(
    columns,
    report.steps.map((step) => stepRow(report, step, processes)),
  );
}

/** Highest VmHWM seen for each process over the scenario. */
export function peakRssLine(steps: readonly StepRecord[]): string {
  const peaks = new Map<string, number>();
  for (const step of steps) {
    for (const [name, mb] of step.usage.peakRssMb) peaks.set(name, Math.max(mb, peaks.get(name) ?? 0));
  }
  const parts = [...peaks].map(([name, mb]) => `${name} ${Math.round(mb)}`);
  return `peak RSS (MB): ${parts.length > 0 ? parts.join(', ') : '-'}`;
}

function errorLines(steps: readonly StepRecord[]): string[] {
  const kinds = new Map<string, number>();
  for (const step of steps) {
    for (const [kind, count] of step.result.errorKinds) {
      const key = `${step.variant} ${shapeLabel(step.shape)}: ${kind}`;
      kinds.set(key, (kinds.get(key) ?? 0) + count);
    }
  }
  return [...kinds].map(([kind, count]) => `error x${count}  ${kind}`);
}

/** The scenario's whole section: title, table, peak RSS, ratio, errors, invariants, failures. */
export function scenarioSection(report: ScenarioReport): string {
  const lines = [`== ${report.name}`];
  if (report.steps.length > 0) lines.push(scenarioTable(report), peakRssLine(report.steps));
  if (report.comparison && report.steps.length > 0) {
    const { variant, baseline } = report.comparison;
    const ratio = bestRatio(report.steps, variant, baseline);
    lines.push(`best ${variant} / best ${baseline} throughput: ${ratio === undefined ? '-' : ratio.toFixed(2)}`);
  }
  lines.push(...errorLines(report.steps));
  for (const check of report.invariants)
    lines.push(`invariant ${check.name}: ${check.ok ? 'OK' : 'FAILED'} (${check.detail})`);
  for (const failure of report.failures) lines.push(`FAILED: ${failure}`);
  return lines.join('\n');
}
