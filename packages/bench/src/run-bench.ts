import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInfra } from '@mall/local-infra';
import type { BenchConfig } from './config.js';
import type { BenchContext } from './context.js';
import { createAdminPool, describeServer } from './infra/admin-pool.js';
import { Cleanup } from './infra/cleanup.js';
import { dropRunDatabases, newRunPrefix } from './infra/databases.js';
import { clockTicksPerSecond } from './measure/clock-ticks.js';
import { pidListeningOn } from './measure/listening-pid.js';
import type { WatchedProcess } from './measure/meter.js';
import type { BenchOptions } from './options.js';
import { COLUMNS_CAPTION, scenarioSection } from './report/scenario-table.js';
import { scenarioPassed, summaryLine } from './report/summary.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ScenarioReport } from './scenarios/scenario.js';

export interface BenchOutput {
  /** Figures: the tables and the summary line. */
  print: (text: string) => void;
  /** Progress and notes, as the run goes. */
  progress: (line: string) => void;
}

async function watchedBase(mysqlUrl: string): Promise<WatchedProcess[]> {
  const port = Number(new URL(mysqlUrl).port || 3306);
  const mysqld = await pidListeningOn(port);
  return [{ name: 'driver', pid: process.pid }, ...(mysqld ? [{ name: 'mysqld', pid: mysqld }] : [])];
}

/**
 * Starts what is missing (MariaDB, etcd), runs the chosen scenarios in their own databases, prints a
 * section per scenario and the summary line, and stops and drops everything it made. Answers whether
 * every scenario passed.
 */
export async function runBench(options: BenchOptions, config: BenchConfig, out: BenchOutput): Promise<boolean> {
  const cleanup = new Cleanup();
  const aborter = new AbortController();
  const interrupt = () => {
    out.progress('bench: interrupted; finishing the current step, then cleaning up');
    aborter.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const logDir = await mkdtemp(join(tmpdir(), 'mall-bench-'));
  const reports: ScenarioReport[] = [];
  let passed = false;
  try {
    // Every saga durably committed before its reply: a throw-away MariaDB syncs at each commit too.
    const infra = await startInfra(
      { MYSQL_URL: config.MYSQL_URL, ETCD_ENDPOINTS: config.ETCD_ENDPOINTS },
      { durable: true },
    );
    cleanup.add('stop infra', () => infra.stop());
    const admin = createAdminPool(infra.mysqlUrl);
    cleanup.add('close admin pool', () => admin.end());
    const prefix = newRunPrefix();
    cleanup.add('drop databases', () => dropRunDatabases(admin, prefix));
    const ctx: BenchContext = {
      options,
      mysqlUrl: infra.mysqlUrl,
      etcdEndpoints: infra.etcdEndpoints,
      admin,
      database: (purpose) => `${prefix}_${purpose}`,
      runId: prefix.slice('bench_'.length),
      clockTicks: clockTicksPerSecond(),
      baseProcesses: await watchedBase(infra.mysqlUrl),
      logDir,
      signal: aborter.signal,
      progress: out.progress,
    };
    out.print(
      `bench: node ${process.version}, ${availableParallelism()} cores; database ${await describeServer(admin)}` +
        `${config.MYSQL_URL ? '' : ' (throw-away)'}; steps ${options.seconds} s after ${options.warmupSeconds} s ` +
        `warm-up, at most ${options.maxOps} ops; databases ${prefix}_*`,
    );
    for (const name of options.scenarios) {
      if (aborter.signal.aborted) break;
      out.progress(`bench: ${name}…`);
      const report = await SCENARIOS[name](ctx);
      reports.push(report);
      out.print(`\n${scenarioSection(report)}`);
    }
    passed = !aborter.signal.aborted && reports.every(scenarioPassed);
  } catch (error) {
    out.progress(`bench: ${(error as Error).message}`);
  } finally {
    const failed = await cleanup.run();
    for (const failure of failed) out.progress(`bench: clean-up: ${failure}`);
    passed &&= failed.length === 0;
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    if (passed) await rm(logDir, { recursive: true, force: true });
    else out.progress(`bench: logs of the started processes are in ${logDir}`);
  }
  out.print(`\n${COLUMNS_CAPTION}\n${summaryLine(reports)}`);
  return passed;
}
