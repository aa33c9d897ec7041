import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { boundPort, close, listen } from './http-server.js';

/** A server whose requests wait until the test answers them. */
async function holdingServer() {
  let arrived: (response: ServerResponse) => void = () => undefined;
  const nextRequest = () => new Promise<ServerResponse>((resolve) => (arrived = resolve));
  const server = await listen((_request, response) => arrived(response), '127.0.0.1', 0);
  return { server, url: `http://127.0.0.1:${boundPort(server)}/`, nextRequest };
}

describe('close', () => {
  it('stops accepting at once but lets a request in flight finish', async () => {
    const { server, url, nextRequest } = await holdingServer();
    const held = nextRequest();
    const inFlight = fetch(url);
    const response = await held;
    const closing = close(server, 5_000);
    await expect(fetch(url)).rejects.toThrow();
    const started = Date.now();
    response.end('done');
    expect(await (await inFlight).text()).toBe('done');
    await closing;
    expect(server.listening).toBe(false);
    // Not held open by the now idle keep-alive connection.
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('cuts requests still running after the grace period', async () => {
    const { server, url, nextRequest } = await holdingServer();
    const held = nextRequest();
    const hanging = fetch(url);
    await held;
    const started = Date.now();
    await close(server, 100);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(hanging).rejects.toThrow();
  });
});
