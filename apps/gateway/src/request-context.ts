import { AsyncLocalStorage } from 'node:async_hooks';
import { REQUEST_ID } from '@mall/rpc';
import type { TraceHeaders } from '@mall/tracing';

/** Which HTTP request the current code serves, so outgoing RPCs can carry its id and trace context. */
export type RequestContext = AsyncLocalStorage<{ requestId: string; trace?: TraceHeaders | undefined }>;

export const createRequestContext = (): RequestContext => new AsyncLocalStorage();

/** What every outgoing RPC takes over from the HTTP request it serves: its id and trace context, as metadata. */
export const inheritFromRequest = (context: RequestContext) => () => {
  const store = context.getStore();
  if (!store) return undefined;
  return { metadata: { [REQUEST_ID]: store.requestId, ...store.trace } };
};
