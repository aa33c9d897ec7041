import type { Inherited } from '@mall/rpc';
import { DtmRequestError } from '../results/dtm-errors.js';
import { errorFromHttpReply } from '../results/read-http-reply.js';
import type { DtmQueryResult } from './query-result.js';

export interface HttpDtmClientOptions {
  /** Deadline of each call to the server unless the call sets its own; the Go SDK's default is 3 s. */
  timeoutMs?: number;
  /** Headers each call takes over from the work it is made for (request id, trace context). */
  inherit?: () => Pick<Inherited, 'metadata'> | undefined;
}

/** DTM's HTTP API at one server, e.g. `http://dtm:36789/api/dtmsvr`. */
export interface HttpDtmClient {
  readonly server: string;
  newGid(): Promise<string>;
  /** Posts a transaction body (JSON text) to `/submit`. */
  submit(body: string, timeoutMs?: number): Promise<void>;
  query(gid: string): Promise<DtmQueryResult>;
}

/**
 * For `/query`, whose body is stored data: a failed transaction's `rollback_reason` always ends in
 * FAILURE, so only the status says whether the call worked.
 */
function statusOnly(status: number, body: string, what: string): Error | undefined {
  return status === 200 ? undefined : new DtmRequestError(`${what} answered HTTP ${status}: ${body}`);
}

export function createHttpDtmClient(
  server: string,
  { timeoutMs = 3_000, inherit }: HttpDtmClientOptions = {},
): HttpDtmClient {
  const base = server.replace(/\/+$/, '');

  async function call(
    path: string,
    init: RequestInit,
    deadlineMs = timeoutMs,
    readReply: typeof errorFromHttpReply = errorFromHttpReply,
  ): Promise<string> {
    const url = `${base}${path}`;
    let response: Response;
    let body: string;
    try {
      const headers = { ...inherit?.()?.metadata, ...(init.headers as Record<string, string> | undefined) };
      response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(deadlineMs) });
      body = await response.text();
    } catch (cause) {
      throw new DtmRequestError(`DTM call ${url} failed: ${(cause as Error).message}`, { cause });
    }
    const error = readReply(response.status, body, `DTM call ${url}`);
    if (error) throw error;
    return body;
  }

  function parse<T>(text: string, path: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new DtmRequestError(`DTM ${path} answered with something other than JSON: ${text.slice(0, 200)}`);
    }
  }

  return {
    server: base,

    async newGid() {
      const { gid } = parse<{ gid?: unknown }>(await call('/newGid', { method: 'GET' }), '/newGid');
      if (typeof gid !== 'string' || gid === '') throw new DtmRequestError('DTM /newGid answered without a gid');
      return gid;
    },

    async submit(body, deadlineMs) {
      await call('/submit', { method: 'POST', headers: { 'content-type': 'application/json' }, body }, deadlineMs);
    },

    async query(gid) {
      const result = parse<Partial<DtmQueryResult>>(
        await call(`/query?gid=${encodeURIComponent(gid)}`, { method: 'GET' }, timeoutMs, statusOnly),
        '/query',
      );
      return { transaction: result.transaction ?? null, branches: result.branches ?? [] };
    },
  };
}
