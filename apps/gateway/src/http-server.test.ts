import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
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

describe('requests Node cannot parse', () => {
  // Found by packages/e2e/test/hostile-tokens.e2e.test.ts: a 20 KB token got Node's bare 431.
  it('answers headers over 16 KiB with 431 and a JSON body', async () => {
    const { server, url } = await holdingServer();
    const response = await fetch(url, { headers: { authorization: `bearer ${'A'.repeat(20_000)}` } });
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      code: 'HEADERS_TOO_LARGE',
      message: 'request headers are larger than 16 KiB',
    });
    await close(server, 100);
  });

  it('answers broken HTTP with 400 and a JSON body', async () => {
    const { server } = await holdingServer();
    const socket = connect(boundPort(server), '127.0.0.1');
    socket.end('NOT HTTP AT ALL\r\n\r\n');
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const answer = Buffer.concat(chunks).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer.endsWith('{"code":"INVALID_ARGUMENT","message":"malformed HTTP request"}')).toBe(true);
    await close(server, 100);
  });
});
