import { AsyncLocalStorage } from 'node:async_hooks';
import { REQUEST_ID } from '@mall/rpc';

/** Which HTTP request the current code serves, so outgoing RPCs can carry its id. */
export type RequestContext = AsyncLocalStorage<{ requestId: string }>;

export const createRequestContext = (): RequestContext => new AsyncLocalStorage();

/** The metadata every outgoing RPC adds: the id of the request being served, when there is one. */
export const requestMetadata = (context: RequestContext) => () => {
  const requestId = context.getStore()?.requestId;
  return requestId ? { [REQUEST_ID]: requestId } : undefined;
};
