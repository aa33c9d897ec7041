import type { FaultLog } from './faults.js';
import type { Violation } from './invariants.js';
import type { LoadResult } from './load.js';

export interface ChaosReport {
  seed: number;
  load: LoadResult;
  faults: FaultLog;
  /** Final saga statuses from the DTM database. */
  sagas: Record<string, number>;
  /** Why the failed sagas rolled back: the failing step and the first words of its reason. */
  rollbackReasons: Record<string, number>;
  /** Seconds from the last fault (and the last answer) until no saga was unfinished; undefined: not within the bound. */
  convergedSeconds: number | undefined;
  convergeBoundSeconds: number;
  violations: Violation[];
  /** HTTP answers of 500 and above other than 503: the issue allows none. */
  serverErrors: number;
  /** Apps that exited without being killed by the fault loop. */
  crashes: string[];
}

/** True when the run proves what it must: every saga ended in time, no violation, no server error, no crash. */
export const passed = (report: ChaosReport): boolean =>
  report.convergedSeconds !== undefined &&
  report.violations.length === 0 &&
  report.serverErrors === 0 &&
  report.load.unexpected.length === 0 &&
  report.crashes.length === 0;

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ') || 'none';

export function formatReport(report: ChaosReport): string {
  const outcomes: Record<string, number> = {};
  for (const order of report.load.placed) outcomes[order.outcome] = (outcomes[order.outcome] ?? 0) + 1;
  const retried = report.load.placed.filter((order) => order.attempts > 1).length;
  const faults = Object.entries(report.faults.injected)
    .filter(([kind]) => !kind.startsWith('skipped'))
    .reduce((sum, [, count]) => sum + count, 0);
  const lines = [
    `chaos: seed ${report.seed}`,
    `  orders placed        ${report.load.placed.length} (${retried} retried after 503 / no answer; ${report.load.notPlaced} not started in time)`,
    `  client outcomes      ${list(outcomes)}`,
    `  HTTP answers         ${list(report.load.responses)}   (0 = no answer)`,
    `  server errors        ${report.serverErrors}   (5xx other than 503; 503 = "service unavailable, try again")`,
    `  faults injected      ${faults}: ${list(report.faults.injected)}`,
    `  sagas                ${list(report.sagas)}`,
    `  rollback reasons     ${list(report.rollbackReasons)}`,
    `  time to converge     ${
      report.convergedSeconds === undefined
        ? `NOT within ${report.convergeBoundSeconds} s`
        : `${report.convergedSeconds.toFixed(1)} s after the last fault (bound ${report.convergeBoundSeconds} s)`
    }`,
    `  app crashes          ${report.crashes.length === 0 ? 'none' : report.crashes.join('; ')}`,
    `  violations           ${report.violations.length}`,
  ];
  for (const violation of report.violations.slice(0, 20)) lines.push(`    ${violation.rule}: ${violation.detail}`);
  if (report.violations.length > 20) lines.push(`    … and ${report.violations.length - 20} more`);
  for (const answer of report.load.unexpected.slice(0, 10)) lines.push(`  unexpected answer    ${answer}`);
  lines.push(`  result               ${passed(report) ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}
