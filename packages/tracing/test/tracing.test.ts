import { describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { logFieldsOf, pickTraceHeaders, SpanKind, startTracing, tracingFromConfig } from '../src/index.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('startTracing', () => {
  it('starts a child from headers and hands out headers naming the child', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: 'svc', exporter, batch: false });
    const root = tracing.startSpan('root', { kind: SpanKind.SERVER });
    const child = tracing.startSpan('child', { parent: root.headers, attributes: { 'a.b': 1 } });
    child.span.end();
    root.span.end();
    const [, traceId, spanId] = TRACEPARENT.exec(child.headers.traceparent ?? '') ?? [];
    const [finishedChild, finishedRoot] = exporter.getFinishedSpans();
    expect(traceId).toBe(root.span.spanContext().traceId);
    expect(spanId).toBe(child.span.spanContext().spanId);
    expect(finishedChild?.parentSpanContext?.spanId).toBe(root.span.spanContext().spanId);
    expect(finishedChild?.attributes).toEqual({ 'a.b': 1 });
    expect(finishedRoot?.resource.attributes['service.name']).toBe('svc');
    await tracing.shutdown();
  });

  it('starts a new trace from missing or malformed headers', () => {
    const tracing = startTracing({ serviceName: 'svc', exporter: new InMemorySpanExporter(), batch: false });
    const started = tracing.startSpan('root', { parent: { traceparent: 'not-a-traceparent' } });
    expect(started.headers.traceparent).toMatch(TRACEPARENT);
    expect(started.span.spanContext().traceId).not.toBe('0'.repeat(32));
  });

  it('records nothing and propagates nothing when off', () => {
    const off = tracingFromConfig(
      {
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_BSP_SCHEDULE_DELAY: 1,
      },
      'gateway',
    );
    const parent = { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` };
    const { span, headers } = off.startSpan('anything', { parent });
    expect(off.enabled).toBe(false);
    expect(headers).toEqual({});
    expect(span.isRecording()).toBe(false);
  });
});

describe('pickTraceHeaders', () => {
  it('keeps traceparent and tracestate only, and only sane values', () => {
    const source: Record<string, unknown> = { traceparent: 'tp', tracestate: 'x'.repeat(600), app: 'gateway' };
    expect(pickTraceHeaders((key) => source[key])).toEqual({ traceparent: 'tp' });
    expect(pickTraceHeaders(() => undefined)).toBeUndefined();
  });
});

describe('logFieldsOf', () => {
  it('gives the trace and span ids of a traceparent, and nothing without one', () => {
    const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    expect(logFieldsOf({ traceparent })).toEqual({ trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16) });
    expect(logFieldsOf({ traceparent: 'garbage' })).toEqual({});
    expect(logFieldsOf(undefined)).toEqual({});
  });
});
