/** Per-transaction settings, DTM's option keys. Durations are whole seconds; 0 or unset = the server's default. */
export interface SagaOptions {
  /** Submit returns only after one processing pass, and fails unless the saga succeeded in it. */
  waitResult?: boolean;
  /** Roll back a saga still unfinished this long after creation (sagas have no default timeout). */
  timeoutToFail?: number;
  /** Deadline of each branch call; also used for this SDK's own submit call. */
  requestTimeout?: number;
  /** Base of the exponential retry backoff. */
  retryInterval?: number;
  /** Immediate retries of an action that answered ONGOING or an error, before rolling back. */
  retryLimit?: number;
  /** Extra HTTP headers / gRPC metadata DTM adds to every branch call, retries included. */
  branchHeaders?: Record<string, string>;
  /** Run steps in parallel, subject to `addBranchOrder`. */
  concurrent?: boolean;
}

const durations = ['timeoutToFail', 'requestTimeout', 'retryInterval', 'retryLimit'] as const;

export function checkSagaOptions(options: SagaOptions): void {
  for (const key of durations) {
    const value = options[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new RangeError(`saga option ${key} must be a whole number >= 0, got ${value}`);
    }
  }
}

/** How long this SDK waits for its own submit: the saga's request timeout when set. */
export function submitDeadlineMs(options: SagaOptions): number | undefined {
  return options.requestTimeout ? options.requestTimeout * 1000 : undefined;
}
