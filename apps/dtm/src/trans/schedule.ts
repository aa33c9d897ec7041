import type { EngineSettings } from './settings.js';
import type { TransOptions } from './types.js';

/** The retry interval a transaction starts from and falls back to after a success (reference §4.6). */
export function baseInterval(options: TransOptions, settings: EngineSettings): number {
  if (options.retry_interval && options.retry_interval > 0) return options.retry_interval;
  const timeout = options.timeout_to_fail ?? 0;
  if (timeout > 0 && timeout < settings.retryInterval) return timeout;
  return settings.retryInterval;
}

/** The interval after an unknown error: doubled, but never past the configured ceiling. */
export function backedOff(interval: number, settings: EngineSettings): number {
  return Math.max(1, Math.min(interval * 2, Math.max(settings.maxRetryInterval, settings.retryInterval)));
}

/** Seconds one branch call may take. */
export function requestTimeout(options: TransOptions, settings: EngineSettings): number {
  return options.request_timeout && options.request_timeout > 0 ? options.request_timeout : settings.requestTimeout;
}
