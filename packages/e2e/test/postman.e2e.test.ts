import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
// newman ships no types; only run() and the summary fields read below are used.
// @ts-expect-error -- untyped CommonJS module
import newman from 'newman';

interface Summary {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: { error: { message: string; test?: string }; source?: { name?: string } }[];
  };
}

const collection = fileURLToPath(new URL('../../../deploy/postman/mall.postman_collection.json', import.meta.url));

function runCollection(baseUrl: string): Promise<Summary> {
  return new Promise((resolve, reject) => {
    (newman as { run: (options: unknown, done: (error: Error | null, summary: Summary) => void) => void }).run(
      {
        collection,
        envVar: ['userUrl', 'productUrl', 'orderUrl', 'payUrl'].map((key) => ({ key, value: baseUrl })),
        reporters: [],
        timeoutRequest: 10_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe('the Postman collection (deploy/postman) run by newman', () => {
  it('passes every assertion against the running mall', async () => {
    const summary = await runCollection(inject('gatewayUrl'));
    const failures = summary.run.failures.map(
      (f) => `${f.source?.name ?? '?'}: ${f.error.test ?? ''} ${f.error.message}`,
    );
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests.total).toBeGreaterThanOrEqual(15);
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(30);
    expect(summary.run.stats.assertions.failed).toBe(0);
  }, 120_000);
});
