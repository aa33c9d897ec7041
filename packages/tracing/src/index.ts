export { SpanKind, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
export {
  startTracing,
  type SpanOptions,
  type StartedSpan,
  type TraceHeaders,
  type Tracing,
  type TracingOptions,
} from './tracing.js';
export { tracingFromConfig, type TracingConfig } from './from-config.js';
export { logFieldsOf, pickTraceHeaders, TRACE_HEADERS } from './trace-headers.js';
export { startHttpServerSpan, type HttpServerSpan, type IncomingRequest } from './http-server-span.js';
