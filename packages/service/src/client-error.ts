import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const CLIENT_ERRORS: Record<string, [status: number, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'request headers are larger than 16 KiB'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'the request took too long to arrive'],
};
const MALFORMED: [number, string, string] = [400, 'INVALID_ARGUMENT', 'malformed HTTP request'];

/**
 * A `clientError` listener for an http.Server. Node answers a request it cannot even parse (headers
 * over its 16 KiB limit, broken HTTP) before the app sees it, with a bare status line; this answers
 * with the app's own JSON error body instead, made by `body` from a code and a message.
 */
export function answerClientErrors(body: (code: string, message: string) => unknown) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
    const json = JSON.stringify(body(code, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  };
}
