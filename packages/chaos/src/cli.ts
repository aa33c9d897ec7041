#!/usr/bin/env node
// `pnpm test:chaos`: orders placed while DTM, order-rpc, product-rpc and etcd are killed and
// restarted, then the invariants checked from the databases. See docs/11-reliability.md.
import { ConfigError } from '@mall/config';
import { loadChaosConfig } from './config.js';
import { parseOptions, USAGE } from './options.js';
import { formatReport, passed } from './report.js';
import { runChaos } from './run-chaos.js';

const args = process.argv.slice(2);
let parsed;
try {
  parsed = parseOptions(args[0] === '--' ? args.slice(1) : args, loadChaosConfig());
} catch (error) {
  const usage = error instanceof ConfigError ? '' : `\n${USAGE}`;
  console.error(`chaos: ${(error as Error).message}${usage}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
// Ctrl-C still stops every process the run started: exiting runs their SIGKILL hooks.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
const report = await runChaos(parsed.options, { progress: (line) => console.error(line) });
console.log(formatReport(report));
process.exit(passed(report) ? 0 : 1);
