import { throughput } from '../load/operation.js';
import { bestRatio, bestStep } from '../scenarios/best-step.js';
import type { ScenarioReport } from '../scenarios/scenario.js';
import { summarizeLatencies } from '../stats.js';
import { figure, perSecond, shapeLabel } from './format.js';

const errorsOf = (report: ScenarioReport) => report.steps.reduce((sum, step) => sum + step.result.errors, 0);

/** No failed variant, no failed operation, no broken invariant. */
export function scenarioPassed(report: ScenarioReport): boolean {
  return report.failures.length === 0 && errorsOf(report) === 0 && report.invariants.every((check) => check.ok);
}

function variantsOf(report: ScenarioReport): string[] {
  return [...new Set(report.steps.map((step) => step.variant))];
}

function scenarioSummary(report: ScenarioReport): string {
  const parts = variantsOf(report).map((variant) => {
    const best = bestStep(report.steps, variant);
    return best ? `${variant} ${perSecond(throughput(best.result))}/s @${shapeLabel(best.shape)}` : `${variant} -`;
  });
  if (report.comparison) {
    const ratio = bestRatio(report.steps, report.comparison.variant, report.comparison.baseline);
    parts.push(`ratio ${ratio === undefined ? '-' : ratio.toFixed(2)}`);
  }
  const main = report.comparison?.variant ?? variantsOf(report)[0];
  const rated = report.steps.find((step) => step.variant === main && step.shape.kind === 'rate');
  if (rated?.shape.kind === 'rate') {
    parts.push(`p99 ${figure(summarizeLatencies(rated.result.latenciesMs).p99)} ms @${rated.shape.fraction}x`);
  }
  const errors = errorsOf(report);
  if (errors > 0) parts.push(`${errors} errors`);
  if (report.invariants.length > 0) {
    parts.push(report.invariants.every((check) => check.ok) ? 'invariants OK' : 'invariants FAILED');
  }
  const { length: failures } = report.failures;
  if (failures > 0) parts.push(`${failures} ${failures === 1 ? 'failure' : 'failures'}`);
  return `${report.name} ${parts.join(', ')}`;
}

/** The run in one line, printed last. */
export function summaryLine(reports: readonly ScenarioReport[]): string {
  const verdict = reports.every(scenarioPassed) ? 'PASS' : 'FAIL';
  return `bench: ${reports.map(scenarioSummary).join(' | ')} => ${verdict}`;
}
