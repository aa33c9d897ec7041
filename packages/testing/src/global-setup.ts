// vitest globalSetup: real MariaDB and etcd for a package's test run (given or throw-away).
import type { TestProject } from 'vitest/node';
import { startInfra } from '@mall/local-infra';

import './provided-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infra = await startInfra();
  project.provide('mysqlUrl', infra.mysqlUrl);
  project.provide('etcdEndpoints', infra.etcdEndpoints);
  return () => infra.stop();
}
