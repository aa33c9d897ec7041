import {
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  defaultTextMapGetter,
  defaultTextMapSetter,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * W3C trace context as it crosses a process boundary: `traceparent` (and `tracestate`), as HTTP
 * headers, gRPC metadata, or stored with a saga. Keys are lower case.
 */
export type TraceHeaders = Readonly<Record<string, string>>;

export interface SpanOptions {
  kind?: SpanKind;
  /** The span this one is a child of, as headers; none (or none valid) starts a new trace. */
  parent?: TraceHeaders | undefined;
  attributes?: Attributes;
}

export interface StartedSpan {
  /** OpenTelemetry's span: set attributes and status, rename, end. */
  span: Span;
  /** The headers naming this span, to start its children from; empty when tracing is off. */
  headers: TraceHeaders;
}

/** One app's tracing, built once in `main` and passed down to what makes spans. */
export interface Tracing {
  /** False when spans go nowhere; callers may skip work that only feeds spans. */
  readonly enabled: boolean;
  startSpan(name: string, options?: SpanOptions): StartedSpan;
  /** Exports what is still buffered, then stops exporting. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** `service.name` of every span, what Jaeger lists services by. */
  serviceName: string;
  /** Where finished spans go; none turns tracing off. */
  exporter?: SpanExporter | undefined;
  /** Export in batches (the default, for network exporters) or each span as it ends (tests). */
  batch?: boolean;
  /** How long a finished span may wait for its batch; OpenTelemetry's default is 5 s. */
  batchDelayMs?: number;
}

const NO_HEADERS: TraceHeaders = Object.freeze({});

/** Off: every span is OpenTelemetry's no-op span, and nothing is propagated. */
function disabledTracing(): Tracing {
  const started: StartedSpan = { span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT), headers: NO_HEADERS };
  return { enabled: false, startSpan: () => started, shutdown: () => Promise.resolve() };
}

/**
 * Tracing for one app. Nothing is registered globally: the tracer and the propagator belong to
 * the returned object, and a span's parent is always given explicitly as headers, so OpenTelemetry's
 * global context manager is not needed either.
 */
export function startTracing({ serviceName, exporter, batch = true, batchDelayMs }: TracingOptions): Tracing {
  if (!exporter) return disabledTracing();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [
      batch
        ? new BatchSpanProcessor({ exporter, scheduledDelayMillis: batchDelayMs })
        : new SimpleSpanProcessor({ exporter }),
    ],
  });
  const tracer = provider.getTracer('@mall/tracing');
  const propagator = new W3CTraceContextPropagator();

  return {
    enabled: true,
    startSpan(name, { kind = SpanKind.INTERNAL, parent, attributes } = {}) {
      const parentContext = parent ? propagator.extract(ROOT_CONTEXT, parent, defaultTextMapGetter) : ROOT_CONTEXT;
      const span = tracer.startSpan(name, { kind, attributes }, parentContext);
      const headers: Record<string, string> = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
      return { span, headers };
    },
    shutdown: () => provider.shutdown(),
  };
}
