import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrors } from '@mall/service';

/** Koa's `app.callback()` settles its own errors, so the promise it returns is not awaited. */
type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export async function listen(handler: Handler, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => void handler(request, response));
  // Requests Node cannot parse (headers over 16 KiB) get the usual {code, message}, not a bare status line.
  server.on(
    'clientError',
    answerClientErrors((code, message) => ({ code, message })),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export const boundPort = (server: Server): number => (server.address() as AddressInfo).port;

/** Stops accepting, lets requests in flight finish, then cuts whatever is left after `graceMs`. */
export async function close(server: Server, graceMs: number): Promise<void> {
  const force = setTimeout(() => server.closeAllConnections(), graceMs);
  // A keep-alive connection that goes idle after close() would otherwise hold it until its client lets go.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  clearTimeout(force);
  clearInterval(sweep);
}
