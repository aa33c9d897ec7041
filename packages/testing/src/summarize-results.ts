#!/usr/bin/env node
// Adds up the vitest JSON reports (`.vitest/results.json`) that each package's test run wrote,
// prints one line per package and a closing `Tests: N passed, N failed, N skipped` line.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  startTime: number;
}

const root = process.argv[2] ?? '.';
let passed = 0;
let failed = 0;
let skipped = 0;
for (const group of ['packages', 'apps']) {
  for (const name of (await readdir(join(root, group))).sort()) {
    let report: Report;
    try {
      report = JSON.parse(await readFile(join(root, group, name, '.vitest', 'results.json'), 'utf8')) as Report;
    } catch {
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    console.log(`${`${group}/${name}`.padEnd(24)} ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
