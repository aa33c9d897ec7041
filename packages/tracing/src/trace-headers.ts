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

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * `trace_id` and `span_id` of the span `headers` name, for log lines written in its work (the
 * field names OpenTelemetry's log bridges use); none when there is no span.
 */
export function logFieldsOf(headers: TraceHeaders | undefined): { trace_id?: string; span_id?: string } {
  const match = TRACEPARENT.exec(headers?.traceparent ?? '');
  return match ? { trace_id: match[1], span_id: match[2] } : {};
}
