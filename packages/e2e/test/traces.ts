// Reading the spans the apps exported (see otlp-receiver.ts), one trace at a time.
import { readFile } from 'node:fs/promises';
import { expect, inject } from 'vitest';
import { waitFor } from '@mall/testing';
import type { ReceivedSpan } from './otlp-receiver.js';
import './provided-context.js';

export const KIND = { internal: 1, server: 2, client: 3 } as const;
export const STATUS_ERROR = 2;

async function allSpans(): Promise<ReceivedSpan[]> {
  const text = await readFile(inject('spansFile'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedSpan);
}

/** The spans of one trace, with lookups that fail the test when a span is missing or not unique. */
export class Trace {
  constructor(readonly spans: ReceivedSpan[]) {}

  all(service: string, name: string, kind: number): ReceivedSpan[] {
    return this.spans
      .filter((span) => span.service === service && span.name === name && span.kind === kind)
      .sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  }

  one(service: string, name: string, kind: number): ReceivedSpan {
    const found = this.all(service, name, kind);
    expect(found, `${service} ${name} (kind ${kind}) in ${this.describe()}`).toHaveLength(1);
    return found[0]!;
  }

  /** The server span that answered client span `call`. */
  answerTo(call: ReceivedSpan, service: string): ReceivedSpan {
    const found = this.spans.filter((span) => span.parentSpanId === call.spanId && span.kind === KIND.server);
    expect(found.map((span) => span.service)).toEqual([service]);
    return found[0]!;
  }

  describe(): string {
    return this.spans.map((span) => `${span.service}:${span.name}`).join(', ');
  }
}

/**
 * Waits until the trace DTM's passes of saga `gid` belong to holds a span for each of `expected`
 * (`service name`), then returns every span of it.
 */
export async function traceOfSaga(gid: string, expected: string[]): Promise<Trace> {
  let trace = new Trace([]);
  await waitFor(
    `the trace of saga ${gid}`,
    async () => {
      const spans = await allSpans();
      const traceId = spans.find((span) => span.attributes['dtm.gid'] === gid)?.traceId;
      trace = new Trace(spans.filter((span) => span.traceId === traceId));
      const present = new Set(trace.spans.map((span) => `${span.service} ${span.name}`));
      return traceId !== undefined && expected.every((name) => present.has(name));
    },
    { timeoutMs: 20_000, intervalMs: 200 },
  );
  return trace;
}
