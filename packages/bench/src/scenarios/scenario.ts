import type { LoadResult } from '../load/operation.js';
import type { StepUsage } from '../measure/meter.js';
import type { ScenarioName } from '../options.js';

/** Closed loop at a concurrency, or open loop at a fraction of the variant's best throughput. */
export type LoadShape =
  { kind: 'closed'; concurrency: number } | { kind: 'rate'; fraction: number; ratePerSecond: number };

export interface StepRecord {
  variant: string;
  shape: LoadShape;
  result: LoadResult;
  usage: StepUsage;
}

export interface InvariantCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioReport {
  name: ScenarioName;
  steps: StepRecord[];
  /** The variant measured against a baseline without the coordinator, for the ratio. */
  comparison?: { variant: string; baseline: string };
  invariants: InvariantCheck[];
  /** What stopped a variant or the scenario from running (each makes the run fail). */
  failures: string[];
}
