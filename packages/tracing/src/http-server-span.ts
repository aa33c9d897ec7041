import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { pickTraceHeaders } from './trace-headers.js';
import type { TraceHeaders, Tracing } from './tracing.js';

export interface IncomingRequest {
  method: string;
  /** The URL path without the query string (an attribute only: span names use the route). */
  path: string;
  header(name: string): unknown;
}

export interface HttpServerSpan {
  /** Headers naming this span, for the calls the request makes. */
  headers: TraceHeaders;
  /** `route` is the matched route's template (`/api/order/create`); the span is named after it, never after the raw URL. */
  end(status: number, route?: string): void;
}

/** A server span for one HTTP request, the child of the caller's `traceparent` when it sends one. */
export function startHttpServerSpan(tracing: Tracing, request: IncomingRequest): HttpServerSpan {
  const { span, headers } = tracing.startSpan(request.method, {
    kind: SpanKind.SERVER,
    parent: pickTraceHeaders((key) => request.header(key)),
    attributes: { 'http.request.method': request.method, 'url.path': request.path },
  });
  return {
    headers,
    end(status, route) {
      if (route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
      span.end();
    },
  };
}
