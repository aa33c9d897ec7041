import type { Pool } from 'mysql2/promise';
import { dbPerOp, readDbStatus, type DbPerOp } from './db-status.js';
import { sampleProcess, type ProcessSample } from './proc.js';

export interface WatchedProcess {
  name: string;
  pid: number;
}

/** What the watched processes and the database spent on one step. */
export interface StepUsage {
  /** CPU seconds (user + system) per 1,000 successful operations, by process name. */
  cpuPer1k: Map<string, number>;
  /** All watched processes' CPU time over the step's wall time (100 = one core busy). */
  cpuPercent: number;
  /** Peak resident set so far (VmHWM), MB, by process name. */
  peakRssMb: Map<string, number>;
  db: DbPerOp;
}

export interface MeterDeps {
  db: Pool;
  clockTicks: number;
  processes: readonly WatchedProcess[];
}

export type FinishMeasuring = (ops: number) => Promise<StepUsage>;

async function sampleAll(processes: readonly WatchedProcess[]): Promise<(ProcessSample | undefined)[]> {
  return Promise.all(processes.map((process) => sampleProcess(process.pid)));
}

/** Starts measuring; the function it returns ends the measurement and reports it. */
export async function beginMeasuring({ db, clockTicks, processes }: MeterDeps): Promise<FinishMeasuring> {
  const [dbBefore, before] = await Promise.all([readDbStatus(db), sampleAll(processes)]);
  const started = performance.now();
  return async (ops) => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    const [dbAfter, after] = await Promise.all([readDbStatus(db), sampleAll(processes)]);
    const cpuPer1k = new Map<string, number>();
    const peakRssMb = new Map<string, number>();
    let cpuSeconds = 0;
    processes.forEach(({ name }, index) => {
      const [first, last] = [before[index], after[index]];
      if (!first || !last) return;
      const seconds = (last.cpuTicks - first.cpuTicks) / clockTicks;
      cpuSeconds += seconds;
      cpuPer1k.set(name, ops > 0 ? (seconds * 1000) / ops : Number.NaN);
      peakRssMb.set(name, last.peakRssKb / 1024);
    });
    return {
      cpuPer1k,
      cpuPercent: elapsedSeconds > 0 ? (cpuSeconds / elapsedSeconds) * 100 : Number.NaN,
      peakRssMb,
      db: dbPerOp(dbBefore, dbAfter, ops),
    };
  };
}
