import { defineConfig } from 'vitest/config';

// One mall for the whole suite; files run one at a time because some restart its services.
export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
