export { freePort } from './free-port.js';
export { startMariaDb, type MariaDb, type MariaDbOptions } from './mariadb.js';
export { startEtcd, type EtcdServer } from './etcd.js';
export { startInfra, type Infra } from './infra.js';
export { waitFor } from './wait-for.js';
export { findBinary, MissingBinaryError } from './binaries.js';
