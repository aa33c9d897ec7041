import './provided-context.js';

export {
  freePort,
  startMariaDb,
  startEtcd,
  startInfra,
  waitFor,
  findBinary,
  MissingBinaryError,
  type MariaDb,
  type EtcdServer,
  type Infra,
} from '@mall/local-infra';
export { createTestDatabase, type TestDatabase } from './test-database.js';
export { appErrorOf } from './app-error-of.js';
export { caseCounter, fuzzParameters, fuzzTimeout, DEFAULT_FUZZ_SEED, type FuzzParameters } from './fuzzing.js';
