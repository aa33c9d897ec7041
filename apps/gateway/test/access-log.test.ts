import { createLogger } from '@mall/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway | undefined;
afterEach(() => gateway?.close());

/** A logger at `level` whose request-bound children record what they would write, whatever the level. */
function recording(level: Parameters<typeof createLogger>[1]) {
  const logger = createLogger('gateway-test', level);
  const lines: { requestId: unknown; level: string; fields: object; msg: string }[] = [];
  vi.spyOn(logger, 'child').mockImplementation((bindings: { requestId?: unknown }) => {
    const child = createLogger('gateway-test', level);
    for (const name of ['debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(child, name).mockImplementation(((fields: object, msg: string) =>
        lines.push({ requestId: bindings.requestId, level: name, fields, msg })) as never);
    }
    return child as never;
  });
  return { logger, lines };
}

describe('the access log', () => {
  it('writes one line per request when it is done, with the final status; /healthz only at debug', async () => {
    const { logger, lines } = recording('info');
    gateway = await startGateway({ logger });
    await fetch(`${gateway.url}/healthz`);
    const response = await gateway.post('/api/user/userinfo', undefined, { headers: { 'X-Request-Id': 'req-1' } });
    expect(response.status).toBe(401);
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    expect(lines[0]).toEqual({
      requestId: 'req-1',
      level: 'info',
      fields: { method: 'POST', path: '/api/user/userinfo', status: 401, ms: expect.any(Number) as unknown },
      msg: 'http',
    });
  });

  it('writes nothing when its level is off', async () => {
    const { logger, lines } = recording('warn');
    gateway = await startGateway({ logger });
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await gateway.post('/api/user/userinfo')).status).toBe(401);
    expect(lines).toEqual([]);
  });
});
