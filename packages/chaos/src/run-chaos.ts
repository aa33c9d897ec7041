import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { startCluster, type Cluster } from './cluster.js';
import { describeFault, planFaults, runFaults } from './faults.js';
import { checkInvariants } from './invariants.js';
import { placeOrders, planOrders } from './load.js';
import { describeOptions, type ChaosOptions } from './options.js';
import { createPrng } from './prng.js';
import { passed, type ChaosReport } from './report.js';
import { seedShop } from './seed.js';
import { countUnfinishedSagas, readSnapshot, readStock, type Databases } from './snapshot.js';

export interface ChaosIo {
  /** One line of progress (stderr for the CLI). */
  progress(line: string): void;
}

const count = (values: string[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

/**
 * One chaos run: a mall of its own, orders placed while faults are injected, then convergence and
 * the invariants. Every process it started is stopped before it returns or throws. App logs are
 * kept (and named) only when the run fails.
 */
export async function runChaos(options: ChaosOptions, io: ChaosIo): Promise<ChaosReport> {
  io.progress(`chaos: ${describeOptions(options)}`);
  const logDir = await mkdtemp(join(tmpdir(), 'mall-chaos-'));
  const prng = createPrng(options.seed);
  const durationMs = options.durationSeconds * 1000;
  const faultPlan = planFaults(prng, durationMs, options.faultsPerMinute);
  let cluster: Cluster | undefined;
  let pool: mysql.Pool | undefined;
  let report: ChaosReport | undefined;
  try {
    const clock = performance.now();
    cluster = await startCluster(logDir, `chaos_${randomBytes(3).toString('hex')}`);
    io.progress(`chaos: mall up in ${((performance.now() - clock) / 1000).toFixed(1)} s; app logs in ${logDir}`);
    const databases: Databases = {
      mall: cluster.mallDatabase,
      dtm: cluster.dtmDatabase,
      barrierTable: cluster.barrierTable,
    };
    pool = mysql.createPool({ uri: cluster.mysqlUrl, connectionLimit: 4 });
    const shop = await seedShop(cluster.gatewayUrl, options.users, options.products, options.stock);
    const initialStock = await readStock(pool, databases);
    const orderPlan = planOrders(prng, shop, options.orders, options.maxNum);
    io.progress(`chaos: ${shop.shoppers.length} users logged in, ${shop.productIds.length} products; fault plan:`);
    for (const event of faultPlan) io.progress(`  at ${(event.atMs / 1000).toFixed(1)} s: ${describeFault(event)}`);

    const stopFaults = new AbortController();
    const started = performance.now();
    const faulting = runFaults(faultPlan, cluster, stopFaults.signal, (line) => io.progress(`chaos: ${line}`));
    // Awaited after the orders; a failed restart meanwhile must not crash the process before the clean-up.
    faulting.catch(() => undefined);
    const load = await placeOrders(cluster.gatewayUrl, shop, orderPlan, {
      concurrency: options.concurrency,
      durationMs,
    });
    // The plan ends by 95 % of the run, so it normally finishes with the orders; a plan that lags
    // behind (slow restarts) may run on briefly, bounded by 2 × the run's duration.
    const overdue = setTimeout(() => stopFaults.abort(), Math.max(0, started + durationMs * 2 - performance.now()));
    const faults = await faulting;
    clearTimeout(overdue);
    await cluster.healAll();
    const calm = performance.now();
    io.progress(`chaos: ${load.placed.length} orders answered; faults stopped, waiting for every saga to end`);

    let convergedSeconds: number | undefined;
    const deadline = calm + options.convergeBoundSeconds * 1000;
    while (performance.now() < deadline) {
      if ((await countUnfinishedSagas(pool, databases)) === 0) {
        convergedSeconds = (performance.now() - calm) / 1000;
        break;
      }
      await sleep(250);
    }
    const snapshot = await readSnapshot(pool, databases);
    const clientViews = load.placed.flatMap((order) => (order.gid ? [{ gid: order.gid, outcome: order.outcome }] : []));
    report = {
      seed: options.seed,
      load,
      faults,
      sagas: count(snapshot.sagas.map((saga) => saga.status)),
      rollbackReasons: count(
        snapshot.sagas
          .filter((saga) => saga.status === 'failed')
          .map((saga) => saga.rollbackReason.replace(/^url:\S*?([A-Za-z]+) return failed: /, '$1: ').slice(0, 60)),
      ),
      convergedSeconds,
      convergeBoundSeconds: options.convergeBoundSeconds,
      violations: checkInvariants(snapshot, initialStock, clientViews),
      serverErrors: Object.entries(load.responses)
        .filter(([status]) => Number(status) >= 500 && Number(status) !== 503)
        .reduce((sum, [, answers]) => sum + answers, 0),
      crashes: cluster.crashes(),
    };
    return report;
  } finally {
    await pool?.end();
    await cluster?.stop();
    if (report && passed(report) && !options.keepLogs) await rm(logDir, { recursive: true, force: true });
    else io.progress(`chaos: app logs kept in ${logDir}`);
  }
}
