import type { TraceHeaders } from '@mall/tracing';
import type { Protocol, TransOptions, TransType } from './types.js';

/** A prepare/submit/abort request after the HTTP or gRPC edge has decoded it. */
export interface TransRequest {
  gid: string;
  transType: TransType;
  protocol: Protocol;
  /** Saga: `{action, compensate}` per step; msg: `{action}`. */
  steps: Record<string, string>[];
  /** One body per step. */
  payloads: Buffer[];
  customData: string;
  queryPrepared: string;
  rollbackReason: string;
  options: TransOptions;
  /** The trace context of the request that created it, when tracing is on (stored in ext_data). */
  trace?: TraceHeaders | undefined;
}
