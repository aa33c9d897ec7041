// DTM's HTTP API with tracing on: a submit joins the caller's trace, the trace is stored with the
// saga, and an HTTP branch gets its call's span as a traceparent header.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { createLogger } from '@mall/logger';
import { createMetricsRegistry } from '@mall/metrics';
import { SpanKind, startTracing } from '@mall/tracing';
import { createManualClock } from '../src/manual-clock.js';
import { startDtmServer, type DtmServer } from '../src/server.js';
import { createMemoryStore } from '../src/store/memory/memory-store.js';
import type { Store } from '../src/store/store.js';
import { DEFAULT_SETTINGS } from '../src/trans/settings.js';

const exporter = new InMemorySpanExporter();
const CALLER = { traceId: 'c'.repeat(32), spanId: 'd'.repeat(16) };
let store: Store;
let dtm: DtmServer;
let branches: Server;
let branchUrl: string;
const received: { path: string; traceparent: string | undefined }[] = [];

beforeAll(async () => {
  branches = createServer((request, response) => {
    received.push({ path: request.url ?? '', traceparent: request.headers.traceparent as string | undefined });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"dtm_result":"SUCCESS"}');
  });
  await new Promise<void>((resolve) => branches.listen(0, '127.0.0.1', resolve));
  branchUrl = `http://127.0.0.1:${(branches.address() as AddressInfo).port}`;
  store = createMemoryStore();
  dtm = await startDtmServer({
    store,
    clock: createManualClock(),
    logger: createLogger('dtm-test', 'silent'),
    settings: DEFAULT_SETTINGS,
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    cronIntervalSeconds: 1,
    discovery: false,
    shutdownGraceMs: 1_000,
    registry: createMetricsRegistry(),
    tracing: startTracing({ serviceName: 'dtm', exporter, batch: false }),
  });
});

afterAll(async () => {
  await dtm?.stop();
  await new Promise<void>((resolve) => (branches ? branches.close(() => resolve()) : resolve()));
});

describe('a traced submit over HTTP', () => {
  it('continues the caller trace, stores it with the saga and passes it to the branch', async () => {
    const response = await fetch(`http://127.0.0.1:${dtm.httpPort}/api/dtmsvr/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${CALLER.traceId}-${CALLER.spanId}-01` },
      body: JSON.stringify({
        gid: 'traced-http',
        trans_type: 'saga',
        steps: [{ action: `${branchUrl}/TransOut`, compensate: `${branchUrl}/TransOutRevert` }],
        payloads: ['{}'],
        wait_result: true,
      }),
    });
    expect(response.status).toBe(200);
    await dtm.processor.idle();

    const spans = exporter.getFinishedSpans();
    const find = (name: string) => spans.find((span) => span.name === name);
    const accepted = find('POST /api/dtmsvr/submit');
    const pass = find('saga pass');
    const call = find('action /TransOut');
    expect(spans.every((span) => span.spanContext().traceId === CALLER.traceId)).toBe(true);
    expect(accepted?.kind).toBe(SpanKind.SERVER);
    expect(accepted?.parentSpanContext?.spanId).toBe(CALLER.spanId);
    expect(accepted?.attributes).toMatchObject({
      'http.route': '/api/dtmsvr/submit',
      'http.response.status_code': 200,
    });
    expect(pass?.parentSpanContext?.spanId).toBe(accepted?.spanContext().spanId);
    expect(call?.parentSpanContext?.spanId).toBe(pass?.spanContext().spanId);

    const stored = await store.findGlobal('traced-http');
    expect(JSON.parse(stored!.extData)).toEqual({
      headers: { traceparent: `00-${CALLER.traceId}-${accepted?.spanContext().spanId}-01` },
    });
    expect(received).toEqual([
      {
        path: expect.stringMatching(/^\/TransOut\?/),
        traceparent: `00-${CALLER.traceId}-${call?.spanContext().spanId}-01`,
      },
    ]);
  });
});
