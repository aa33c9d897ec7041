import { pickTraceHeaders, type TraceHeaders } from '@mall/tracing';

/**
 * The trace context a transaction was created in, kept in `trans_global.ext_data` the way DTM
 * keeps a transaction's server-side headers there: JSON `{"headers":{"traceparent":"…"}}` (its
 * TransGlobalExt). Not in `options`, so what the client sent (and the query API shows of it) stays
 * as sent. Every pass, the first and the cron's, continues this trace.
 */
export const extDataFor = (trace: TraceHeaders | undefined): string =>
  trace ? JSON.stringify({ headers: trace }) : '';

/** The stored trace context, or undefined when there is none (or ext_data holds something else). */
export function storedTrace(extData: string): TraceHeaders | undefined {
  if (!extData.includes('traceparent')) return undefined;
  try {
    const { headers } = JSON.parse(extData) as { headers?: Record<string, unknown> };
    return headers && pickTraceHeaders((key) => headers[key]);
  } catch {
    return undefined;
  }
}
