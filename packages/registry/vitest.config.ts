import { defineConfig } from 'vitest/config';

// These tests start (and pause) their own etcd, so no shared global setup.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
