import type { Pool } from 'mysql2/promise';
import type { WatchedProcess } from './measure/meter.js';
import type { BenchOptions } from './options.js';

/** What every scenario gets, built once by the runner. */
export interface BenchContext {
  options: BenchOptions;
  mysqlUrl: string;
  etcdEndpoints: string;
  /** A pool without a default database: schema set-up, checks and SHOW GLOBAL STATUS. */
  admin: Pool;
  /** This run's name for a database; all of them are dropped at the end. */
  database(purpose: string): string;
  /** Gid prefix unique to this run. */
  runId: string;
  clockTicks: number;
  /** Watched in every scenario: this process (the load driver) and the database server when visible. */
  baseProcesses: readonly WatchedProcess[];
  /** Where started processes write their logs. */
  logDir: string;
  signal: AbortSignal;
  progress: (line: string) => void;
}
