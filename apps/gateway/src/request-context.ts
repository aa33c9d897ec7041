import { AsyncLocalStorage } from 'node:async_hooks';
import { REQUEST_ID } from '@mall/rpc';

/** Which HTTP request the current code serves, so outgoing RPCs can carry its id. */
export type RequestContext = AsyncLocalStorage<{ requestId: string }>;

export const createRequestContext = (): RequestContext => new AsyncLocalStorage();

/** What every outgoing RPC takes over from the HTTP request it serves: its id, as metadata. */
export const inheritFromRequest = (context: RequestContext) => () => {
  const requestId = context.getStore()?.requestId;
  return requestId ? { metadata: { [REQUEST_ID]: requestId } } : undefined;
};
