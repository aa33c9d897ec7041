import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { APPS, startStack, type AppName } from '@mall/stack';
import { EXTRA_PIDS } from './extra-instances.js';
import { startOtlpReceiver } from './otlp-receiver.js';
import './provided-context.js';

/** Starts the whole mall as real processes (free ports, a database of its own) for the suite. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logs = await mkdtemp(join(tmpdir(), 'mall-e2e-logs-'));
  const run = `mall_e2e_${randomBytes(4).toString('hex')}`;
  // Every app traces, as in compose's observability profile; tracing.e2e.test.ts reads what arrives.
  const spansFile = join(logs, 'spans.jsonl');
  const receiver = await startOtlpReceiver(spansFile);
  const stack = await startStack({
    env: process.env,
    ports: 'free',
    mysqlDatabase: run,
    dtmDatabase: `${run}_dtm`,
    barrierTable: `${run}_barrier.barrier`,
    faultInjection: true,
    dtmRetryIntervalSeconds: 1,
    otlpEndpoint: receiver.endpoint,
    logLevel: 'info',
    output: (app) => ({ file: join(logs, `${app}.log`) }),
  });
  console.log(`e2e: mall up at ${stack.gatewayUrl}; app logs in ${logs}`);
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('mysqlUrl', stack.mysqlUrl);
  project.provide('mysqlDatabase', stack.mysqlDatabase);
  project.provide('dtmDatabase', stack.dtmDatabase);
  project.provide('barrierTable', stack.barrierTable);
  project.provide('dtmHttpUrl', stack.dtmHttpUrl);
  project.provide('metricsUrls', stack.metricsUrls);
  project.provide('etcdEndpoints', stack.etcdEndpoints);
  project.provide('jwtSecret', stack.secrets.JWT_SECRET);
  project.provide('logDir', logs);
  project.provide('spansFile', spansFile);
  const appEnvs = Object.fromEntries(APPS.map((app) => [app.name, stack.env(app.name)])) as Record<
    AppName,
    Record<string, string>
  >;
  project.provide('appEnvs', appEnvs);
  project.provide(
    'appPids',
    Object.fromEntries([...stack.apps].map(([name, app]) => [name, app.pid])) as Record<AppName, number>,
  );
  return async () => {
    const connection = await mysql.createConnection(stack.mysqlUrl);
    const barrierSchema = stack.barrierTable.split('.')[0]!;
    try {
      for (const database of [stack.mysqlDatabase, stack.dtmDatabase, barrierSchema]) {
        await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      }
    } finally {
      await connection.end();
    }
    await stack.stop();
    await stopExtraInstances(logs);
    await receiver.stop();
  };
}

/** Instances tests started that must outlive their test file (see discovery.e2e.test.ts). */
async function stopExtraInstances(logs: string): Promise<void> {
  const pids = (await readFile(join(logs, EXTRA_PIDS), 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
