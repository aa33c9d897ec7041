#!/usr/bin/env node
// `with-infra <command…>`: runs the command with MYSQL_URL and ETCD_ENDPOINTS pointing at real
// servers — the ones given in the environment, or throw-away ones started (and stopped) here.
import { spawn } from 'node:child_process';
import { startInfra } from '@mall/local-infra';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: with-infra <command> [args…]');
  process.exit(2);
}

const infra = await startInfra();
const shown = infra.mysqlUrl.replace(/:[^:@/]*@/, ':***@');
console.error(`with-infra: MYSQL_URL=${shown} ETCD_ENDPOINTS=${infra.etcdEndpoints}`);
const child = spawn(command[0]!, command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, MYSQL_URL: infra.mysqlUrl, ETCD_ENDPOINTS: infra.etcdEndpoints },
});
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
await infra.stop();
process.exit(code);
