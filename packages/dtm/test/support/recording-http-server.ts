import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedHttpRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body: string;
}

export interface RecordingHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedHttpRequest[];
  /** The reply for requests to `path` (without the query string); 404 for others. */
  reply(path: string, reply: Reply): void;
  close(): Promise<void>;
}

/** An HTTP server that keeps every request it receives and answers with canned replies. */
export async function startRecordingHttpServer(): Promise<RecordingHttpServer> {
  const requests: RecordedHttpRequest[] = [];
  const replies = new Map<string, Reply>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '';
      requests.push({
        method: request.method ?? '',
        url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const reply = replies.get(url.split('?')[0]!) ?? { status: 404, body: 'no reply set' };
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (path, reply) => replies.set(path, reply),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
