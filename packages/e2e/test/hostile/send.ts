import { expect, inject } from 'vitest';
import { expectError, type Reply } from '../http.js';
import '../provided-context.js';

export interface RawRequest {
  path: string;
  /** Sent as is; a Uint8Array goes without a Content-Type unless one is given. */
  body?: string | Uint8Array;
  token?: string;
  headers?: Record<string, string>;
}

/** POSTs exactly the given bytes and headers to the gateway. */
export async function send({ path, body, token, headers = {} }: RawRequest): Promise<Reply> {
  const all: Record<string, string> = { ...headers };
  if (typeof body === 'string' && !Object.keys(all).some((name) => name.toLowerCase() === 'content-type')) {
    all['content-type'] = 'application/json';
  }
  if (token !== undefined) all.authorization = `bearer ${token}`;
  const response = await fetch(`${inject('gatewayUrl')}${path}`, { method: 'POST', headers: all, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** A refusal as docs/errors.md promises it: that status, JSON `{code, message}`, one short line, nothing internal. */
export function expectRefusal(reply: Reply, status: number, code?: string): { code: string; message: string } {
  expectError(reply, status, code);
  const body = reply.body as { code: string; message: string };
  expect(body.message, reply.text).not.toMatch(/[\r\n]/);
  expect(body.message.length, reply.text).toBeLessThanOrEqual(200);
  return body;
}

/** Any answer but a 5xx: a 2xx, or a well-formed 4xx refusal. */
export function expectNoServerError(reply: Reply, what: string): void {
  expect(reply.status, `${what} → ${reply.status} ${reply.text.slice(0, 300)}`).toBeLessThan(500);
  if (reply.status >= 400) expectRefusal(reply, reply.status);
}
