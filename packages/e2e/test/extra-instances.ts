import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import './provided-context.js';

export const EXTRA_PIDS = 'extra.pids';

/** Hands an app process started by a test to the suite's teardown, so it may outlive its test file. */
export function keepUntilSuiteEnds(pid: number): Promise<void> {
  return appendFile(join(inject('logDir'), EXTRA_PIDS), `${pid}\n`);
}
