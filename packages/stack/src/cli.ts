#!/usr/bin/env node
// `pnpm mall`: the whole mall on this machine, no Docker. Uses MYSQL_URL / ETCD_ENDPOINTS when
// set, otherwise starts throw-away MariaDB and etcd; Ctrl-C stops everything it started.
import { APPS, type AppName } from './apps.js';
import { loadLauncherConfig } from './config.js';
import { startStack } from './stack.js';

const colours = ['36', '32', '33', '35', '34', '31'];
const width = Math.max(...APPS.map((app) => app.name.length));
const prefix = (app: AppName) => {
  const colour = colours[APPS.findIndex((spec) => spec.name === app) % colours.length];
  const label = process.stdout.isTTY ? `\x1b[${colour}m${app.padEnd(width)}\x1b[0m` : app.padEnd(width);
  return { prefix: (line: string) => console.log(`${label} | ${line}`) };
};

let config;
try {
  config = loadLauncherConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const started = performance.now();
console.log('mall: starting infra (unless MYSQL_URL / ETCD_ENDPOINTS are set) and every app…');
const { FAULT_INJECTION: faultInjection, OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint, ...env } = config;
const stack = await startStack({
  env,
  ports: 'default',
  gatewayExtraPorts: [8000, 8001, 8002, 8003],
  logLevel: config.LOG_LEVEL,
  faultInjection,
  otlpEndpoint,
  output: prefix,
}).catch((error: unknown) => {
  console.error(`mall: failed to start: ${(error as Error).message}`);
  process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(`
mall: all apps healthy in ${seconds} s
  gateway      ${stack.gatewayUrl}   (also :8000–:8003 for the tutorial's Postman collection)
  API docs     ${stack.gatewayUrl}/api/docs   (OpenAPI 3.1: /api/docs/openapi.json)
  user-rpc     127.0.0.1:${stack.apps.get('user-rpc')?.port}    product-rpc 127.0.0.1:${stack.apps.get('product-rpc')?.port}
  order-rpc    127.0.0.1:${stack.apps.get('order-rpc')?.port}    pay-rpc     127.0.0.1:${stack.apps.get('pay-rpc')?.port}
  dtm          ${stack.dtmHttpUrl} (HTTP)   127.0.0.1:${stack.apps.get('dtm')?.port} (gRPC, etcd key dtmservice)
  DTM admin    ${stack.dtmHttpUrl}/admin   token ${
    config.DTM_ADMIN_TOKEN ? '(yours, from DTM_ADMIN_TOKEN)' : `${stack.secrets.DTM_ADMIN_TOKEN} (made for this run)`
  }${faultInjection ? '\n  note         FAULT_INJECTION is on: X-Mall-Fault headers reach the saga branches' : ''}
  metrics      ${APPS.map(({ name }) => `${name.padEnd(width)} ${stack.metricsUrls[name]}`).join('\n               ')}
               (Prometheus scrape targets; docs/08-monitoring.md shows a prometheus.yml for them)
  MySQL        ${stack.mysqlUrl.replace(/:[^:@/]*@/, ':***@')} (database ${stack.mysqlDatabase})
  etcd         ${stack.etcdEndpoints}${
    config.MYSQL_URL
      ? ''
      : '\n  note         MySQL and etcd are throw-away: their data is gone on Ctrl-C (set MYSQL_URL to keep it)'
  }
  try: curl -s -XPOST ${stack.gatewayUrl}/api/user/register -H 'content-type: application/json' \\
         -d '{"name":"ving","gender":1,"mobile":"15212230311","password":"123456"}'
Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  console.log('mall: stopping…');
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`mall: stop failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
for (const app of stack.apps.values()) {
  void app.exited.then((code) => {
    if (stopping) return;
    console.error(`mall: ${app.name} exited unexpectedly (code ${code}); stopping the rest`);
    shutdown();
  });
}
