import { status, type Metadata } from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode, pickTraceHeaders, type Span, type TraceHeaders, type Tracing } from '@mall/tracing';

/** What a traced call reports when it is over. */
export type EndCall = (code: status, details?: string) => void;

// On the server side only these codes are the server's fault (OpenTelemetry's gRPC conventions).
const SERVER_FAULTS: ReadonlySet<status> = new Set([
  status.UNKNOWN,
  status.DEADLINE_EXCEEDED,
  status.UNIMPLEMENTED,
  status.INTERNAL,
  status.UNAVAILABLE,
  status.DATA_LOSS,
]);

export const traceHeadersOf = (metadata: Metadata): TraceHeaders | undefined =>
  pickTraceHeaders((key) => metadata.get(key)[0]);

/** `/order.Order/Create` → span `order.Order/Create`, with rpc.service and rpc.method. */
function startRpcSpan(tracing: Tracing, path: string, kind: SpanKind, parent: TraceHeaders | undefined) {
  const [, service = '', method = ''] = path.split('/');
  const attributes = { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method };
  return tracing.startSpan(path.slice(1), { kind, parent, attributes });
}

function ender(span: Span, isFault: (code: status) => boolean): EndCall {
  return (code, details) => {
    span.setAttribute('rpc.grpc.status_code', code);
    if (isFault(code)) span.setStatus({ code: SpanStatusCode.ERROR, message: `${status[code]}: ${details ?? ''}` });
    span.end();
  };
}

/**
 * A client span for one outgoing call, the child of the trace context `metadata` already carries
 * (inherited from the call or request being served); the metadata then names this span instead.
 */
export function startClientCall(tracing: Tracing, path: string, metadata: Metadata): EndCall {
  const { span, headers } = startRpcSpan(tracing, path, SpanKind.CLIENT, traceHeadersOf(metadata));
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return ender(span, (code) => code !== status.OK);
}

/** A server span for one incoming call, the child of the caller's; its headers go to the calls the handler makes. */
export function startServerCall(
  tracing: Tracing,
  path: string,
  metadata: Metadata,
): { headers: TraceHeaders; end: EndCall } {
  const { span, headers } = startRpcSpan(tracing, path, SpanKind.SERVER, traceHeadersOf(metadata));
  return { headers, end: ender(span, (code) => SERVER_FAULTS.has(code)) };
}
