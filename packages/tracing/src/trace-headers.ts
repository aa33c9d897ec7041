import type { TraceHeaders } from './tracing.js';

/** The W3C trace context headers, the only ones propagated. */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** The trace context among `source`'s entries (header or metadata values), or undefined when there is none. */
export function pickTraceHeaders(read: (key: string) => unknown): TraceHeaders | undefined {
  let picked: Record<string, string> | undefined;
  for (const key of TRACE_HEADERS) {
    const value = read(key);
    if (typeof value === 'string' && value !== '' && value.length <= 512) (picked ??= {})[key] = value;
  }
  return picked;
}
