#!/usr/bin/env node
// The bench resource manager: its own process, so its CPU and memory are measured apart from the
// driver's and DTM's. Started by the harness (infra/bench-rm.ts); SIGTERM stops it.
import { createPool } from '@mall/db';
import { loadRmConfig } from './config.js';
import { createRmServer } from './server.js';

try {
  const config = loadRmConfig();
  const pool = createPool({
    url: config.MYSQL_URL,
    database: config.MYSQL_DATABASE,
    connectionLimit: config.MYSQL_POOL_SIZE,
  });
  const server = createRmServer({ pool, barrierTable: config.BARRIER_TABLE });
  server.keepAliveTimeout = 60_000;
  server.listen(config.PORT, '127.0.0.1');
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
