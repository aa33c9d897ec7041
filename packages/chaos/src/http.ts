import { setTimeout as sleep } from 'node:timers/promises';

export interface Reply {
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  status: number;
  text: string;
  headers: Headers;
}

/** POSTs JSON to the gateway; never throws: a missing answer is status 0 with the reason as text. */
export async function post(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Reply> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  } catch (error) {
    return { status: 0, text: (error as Error).message, headers: new Headers() };
  }
}

/**
 * The reply's JSON when it is 200, after retrying 503s (a busy machine can outlast the gateway's
 * deadline); otherwise an error naming the path, status and body. `alsoFine` statuses resolve to undefined.
 */
export async function postOk<T>(
  baseUrl: string,
  path: string,
  body: unknown,
  headers?: Record<string, string>,
  alsoFine: number[] = [],
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const reply = await post(baseUrl, path, body, headers);
    if (reply.status === 200) return JSON.parse(reply.text) as T;
    if (alsoFine.includes(reply.status)) return undefined;
    if (reply.status !== 503 || attempt === 5) {
      throw new Error(`${path} answered ${reply.status}: ${reply.text.slice(0, 200)}`);
    }
    await sleep(500 * attempt);
  }
}
