import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startApp } from '@mall/stack';
import { freePort } from '@mall/testing';

describe('the launcher behind pnpm mall', () => {
  it('reports an app that dies while starting, with its exit code, instead of waiting for it', async () => {
    const port = await freePort();
    const start = startApp('gateway', {
      // No JWT_SECRET, RPC_TOKEN or ETCD_ENDPOINTS: the gateway stops with one line and exit code 1.
      env: { PORT: String(port) },
      output: { file: join(inject('logDir'), 'gateway.misconfigured.log') },
    });
    await expect(start).rejects.toThrow(/^gateway exited during start-up \(exit code 1\)$/);
  });
});
