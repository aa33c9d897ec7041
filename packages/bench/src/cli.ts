#!/usr/bin/env node
// `pnpm bench`: DTM and the order saga under load, each against its no-coordinator baseline.
// See packages/bench/README.md for the scenarios and the columns.
import { ConfigError } from '@mall/config';
import { loadBenchConfig } from './config.js';
import { parseOptions, USAGE } from './options.js';
import { runBench } from './run-bench.js';

const args = process.argv.slice(2);
let parsed;
let config;
try {
  parsed = parseOptions(args[0] === '--' ? args.slice(1) : args);
  config = loadBenchConfig();
} catch (error) {
  const usage = error instanceof ConfigError ? '' : `\n${USAGE}`;
  console.error(`bench: ${(error as Error).message}${usage}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
const passed = await runBench(parsed.options, config, {
  print: (text) => console.log(text),
  progress: (line) => console.error(line),
});
process.exit(passed ? 0 : 1);
