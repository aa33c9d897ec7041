import { AsyncLocalStorage } from 'node:async_hooks';

/** What an outgoing call made while serving a call inherits from it. */
export interface Inherited {
  /** Epoch milliseconds by which the call being served must answer. */
  deadline?: number;
  /** Metadata to pass on, e.g. the request id. */
  metadata?: Record<string, string>;
}

/** The call a server is serving right now, per async context; one per server, built in createRpcServer. */
export type CallScope = AsyncLocalStorage<Inherited>;

export const createCallScope = (): CallScope => new AsyncLocalStorage();
