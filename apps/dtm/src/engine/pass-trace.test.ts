import { describe, expect, it } from 'vitest';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { Registry } from 'prom-client';
import { createLogger } from '@mall/logger';
import { SpanKind, startTracing } from '@mall/tracing';
import type { BranchInvoker } from '../invoke/invoker.js';
import type { Outcome } from '../invoke/outcome.js';
import { createManualClock } from '../manual-clock.js';
import { createDtmMetrics } from '../metrics.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { newTransGlobal, sagaBranches } from '../trans/new-trans.js';
import type { TransRequest } from '../trans/request.js';
import { DEFAULT_SETTINGS } from '../trans/settings.js';
import { storedTrace } from '../trans/trace-context.js';
import { createProcessor } from './processor.js';

const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'dtm', exporter, batch: false });

/** Answers from a script per URL (SUCCESS once it runs out), noting the headers of every call. */
function scriptedInvoker(script: Record<string, Outcome['result'][]>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const invoker: BranchInvoker = {
    check: () => undefined,
    invoke(call) {
      calls.push({ url: call.url, headers: call.headers });
      const result = script[call.url]?.shift() ?? 'SUCCESS';
      return Promise.resolve(result === 'SUCCESS' ? { result } : { result, message: `${call.url} said ${result}` });
    },
    close: () => undefined,
  };
  return { invoker, calls };
}

const byName = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);
const parentOf = (span: ReadableSpan | undefined) => span?.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan | undefined) => span?.spanContext().spanId;

describe('tracing a saga through its passes', () => {
  it('joins the first pass and a later cron pass to the trace the saga was submitted in', async () => {
    exporter.reset();
    const store = createMemoryStore();
    const clock = createManualClock(new Date('2025-01-01T00:00:00Z'));
    // Step 2's action refuses; step 1's compensation errors once, so the cron finishes the rollback.
    const { invoker, calls } = scriptedInvoker({ 'grpc-b/b.B/Act': ['FAILURE'], 'grpc-a/a.A/Undo': ['ERROR'] });
    const processor = createProcessor({
      store,
      invoker,
      clock,
      settings: DEFAULT_SETTINGS,
      logger: createLogger('test', 'silent'),
      metrics: createDtmMetrics(new Registry()),
      tracing,
    });
    const submitter = tracing.startSpan('dtmgimp.Dtm/Submit');
    const request: TransRequest = {
      gid: 'traced',
      transType: 'saga',
      protocol: 'grpc',
      steps: [
        { action: 'grpc-a/a.A/Act', compensate: 'grpc-a/a.A/Undo' },
        { action: 'grpc-b/b.B/Act', compensate: 'grpc-b/b.B/Undo' },
      ],
      payloads: [],
      customData: '',
      queryPrepared: '',
      rollbackReason: '',
      options: { concurrent: false, branch_headers: { app: 'dtm' } },
      trace: submitter.headers,
    };
    const trans = newTransGlobal(request, 'submitted', clock.now(), DEFAULT_SETTINGS);
    await store.saveNew(trans, sagaBranches(request, clock.now()));
    submitter.span.end();
    expect(JSON.parse(trans.extData)).toEqual({ headers: { traceparent: submitter.headers.traceparent } });

    await processor.process(trans);
    expect((await store.findGlobal('traced'))?.status).toBe('aborting');
    clock.advance(30);
    await processor.process((await store.findGlobal('traced'))!, undefined, 'cron');
    expect((await store.findGlobal('traced'))?.status).toBe('failed');

    const traceId = submitter.span.spanContext().traceId;
    const spans = exporter.getFinishedSpans();
    expect(spans.every((span) => span.spanContext().traceId === traceId)).toBe(true);
    const [first, cron] = byName(spans, 'saga pass');
    const submitId = submitter.span.spanContext().spanId;
    expect([parentOf(first), parentOf(cron)]).toEqual([submitId, submitId]);
    expect(first?.attributes).toMatchObject({
      'dtm.gid': 'traced',
      'dtm.trigger': 'request',
      'dtm.status.from': 'submitted',
      'dtm.status.to': 'aborting',
    });
    expect(cron?.attributes).toMatchObject({
      'dtm.trigger': 'cron',
      'dtm.status.from': 'aborting',
      'dtm.status.to': 'failed',
    });

    const branchSpans = spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(
      branchSpans.map((span) => [span.name, span.attributes['dtm.result'], parentOf(span) === idOf(cron)]),
    ).toEqual([
      ['action a.A/Act', 'SUCCESS', false],
      ['action b.B/Act', 'FAILURE', false],
      ['compensate b.B/Undo', 'SUCCESS', false],
      ['compensate a.A/Undo', 'ERROR', false],
      ['compensate a.A/Undo', 'SUCCESS', true],
    ]);
    expect(branchSpans.slice(0, 4).every((span) => parentOf(span) === idOf(first))).toBe(true);
    expect(branchSpans[1]?.status).toMatchObject({ code: 2, message: 'FAILURE: grpc-b/b.B/Act said FAILURE' });

    // Each call carries its own span as traceparent, next to the saga's branch headers.
    expect(calls).toHaveLength(5);
    calls.forEach(({ headers }, index) => {
      expect(headers.app).toBe('dtm');
      expect(headers.traceparent).toBe(`00-${traceId}-${idOf(branchSpans[index])}-01`);
    });
  });

  it('keeps nothing in ext_data for a saga submitted without a trace', () => {
    const request = { gid: 'untraced', transType: 'saga', options: { concurrent: false } } as TransRequest;
    expect(newTransGlobal(request, 'submitted', new Date(), DEFAULT_SETTINGS).extData).toBe('');
  });
});

describe('storedTrace', () => {
  it('reads the trace context back, and nothing from what is not one', () => {
    const traceparent = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
    expect(storedTrace(JSON.stringify({ headers: { traceparent, other: 'x' } }))).toEqual({ traceparent });
    expect(storedTrace('')).toBeUndefined();
    expect(storedTrace('{"headers":{"traceparent":')).toBeUndefined();
    expect(storedTrace('{"headers":{"traceparent":5}}')).toBeUndefined();
  });
});
