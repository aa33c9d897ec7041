// Where the mall's apps send their traces in the e2e suite: an OTLP/HTTP endpoint (JSON encoding,
// as @opentelemetry/exporter-trace-otlp-http sends it) that appends every span it receives to a
// file, one JSON line each, for the tests to read. Jaeger's collector takes the same requests.
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received span, flattened from OTLP's JSON. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP's numbering: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, string | number | boolean>;
  /** OTLP's numbering: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  startTimeUnixNano: string;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
  status?: { code?: number; message?: string };
  startTimeUnixNano: string | number;
}
interface OtlpRequest {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const valueOf = ({ stringValue, intValue, boolValue, doubleValue }: OtlpValue) =>
  stringValue ?? (intValue === undefined ? undefined : Number(intValue)) ?? boolValue ?? doubleValue ?? '';

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

export function flatten(request: OtlpRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap(({ resource, scopeSpans = [] }) => {
    const service = String(attributesOf(resource?.attributes)['service.name'] ?? '');
    return scopeSpans.flatMap(({ spans = [] }) =>
      spans.map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind,
        attributes: attributesOf(span.attributes),
        status: { code: span.status?.code ?? 0, message: span.status?.message },
        startTimeUnixNano: String(span.startTimeUnixNano),
      })),
    );
  });
}

/** Listens on a free loopback port; returns the endpoint to give the apps as OTEL_EXPORTER_OTLP_ENDPOINT. */
export async function startOtlpReceiver(file: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const done = (status: number) => response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      if (request.method !== 'POST' || request.url !== '/v1/traces') return done(404);
      let spans: ReceivedSpan[];
      try {
        spans = flatten(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest);
      } catch {
        return done(400);
      }
      appendFile(file, spans.map((span) => `${JSON.stringify(span)}\n`).join('')).then(
        () => done(200),
        () => done(500),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
