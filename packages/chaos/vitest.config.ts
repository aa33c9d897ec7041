import { defineConfig } from 'vitest/config';

// The chaos run starts its own MariaDB, etcd and mall: it ignores MYSQL_URL / ETCD_ENDPOINTS, so
// killing and restarting them never touches servers another suite uses.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
