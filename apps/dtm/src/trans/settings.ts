/** Server-wide defaults for every transaction, in seconds (DTM's config keys of the same names). */
export interface EngineSettings {
  /** Base of the retry backoff when a transaction sets no retry_interval. */
  retryInterval: number;
  /** Ceiling of the exponential backoff; DTM has none. */
  maxRetryInterval: number;
  /** Deadline of one branch call when a transaction sets no request_timeout. */
  requestTimeout: number;
  /** Global timeout for TCC/XA/msg; sagas only time out when they ask to. */
  timeoutToFail: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  retryInterval: 10,
  maxRetryInterval: 3600,
  requestTimeout: 3,
  timeoutToFail: 35,
};
