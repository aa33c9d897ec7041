import { defineConfig } from 'vitest/config';

// The shared MariaDB comes from the global setup; each file starts its own etcd (some pause it).
export default defineConfig({
  test: {
    globalSetup: ['@mall/testing/global-setup'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
