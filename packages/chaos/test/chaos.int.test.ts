// The CI-size chaos run: a few hundred orders while DTM, order-rpc and product-rpc are SIGKILLed and
// restarted, a second DTM runs for a while and etcd restarts once; then every invariant, read from
// the databases, must hold. The seed is printed, and CHAOS_SEED replays a failing run.
import { expect, it } from 'vitest';
import { loadChaosConfig } from '../src/config.js';
import { parseOptions } from '../src/options.js';
import { formatReport } from '../src/report.js';
import { runChaos } from '../src/run-chaos.js';

it('orders survive crashes of DTM, order-rpc, product-rpc and etcd with every invariant intact', async () => {
  const parsed = parseOptions(['--ci'], loadChaosConfig());
  if (parsed.help) throw new Error('unreachable: no --help given');
  const report = await runChaos(parsed.options, { progress: (line) => console.log(line) });
  console.log(formatReport(report));

  expect(report.violations, 'invariant violations').toEqual([]);
  expect(report.convergedSeconds, 'every saga ended within the bound').toBeDefined();
  expect(report.serverErrors, 'answers of 500 and above other than 503').toBe(0);
  expect(report.load.unexpected, 'answers other than 200/202/409/503').toEqual([]);
  expect(report.crashes, 'apps that died without being killed').toEqual([]);
  // The run really exercised what it claims: many orders, both saga outcomes, every kind of fault.
  // On a busy machine slow restarts can hold orders back until the time limit; hundreds still go through.
  expect(report.load.placed.length + report.load.notPlaced).toBe(parsed.options.orders);
  expect(report.load.placed.length).toBeGreaterThanOrEqual(parsed.options.orders / 2);
  expect(report.sagas.succeed).toBeGreaterThan(0);
  expect(report.sagas.failed).toBeGreaterThan(0);
  expect(Object.keys(report.faults.injected)).toEqual(
    expect.arrayContaining(['kill dtm', 'kill order-rpc', 'kill product-rpc', 'second dtm started', 'restart etcd']),
  );
}, 300_000);
