import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { Tracing } from '@mall/tracing';
import type { RpcMetrics } from './call-metrics.js';
import type { Inherited } from './call-scope.js';
import { RECONNECT_PROMPTLY } from './channel-options.js';
import { fromServiceError } from './status-mapping.js';
import { startClientCall } from './tracing.js';

interface ClientMethod<Req = unknown, Res = unknown> {
  path: string;
  requestSerialize(value: Req): Buffer;
  responseDeserialize(bytes: Buffer): Res;
}

type RequestOf<M> = M extends { requestSerialize(value: infer Req): Buffer } ? Req : never;
type ResponseOf<M> = M extends { responseDeserialize(bytes: Buffer): infer Res } ? Res : never;

/** Promise-returning methods for each RPC of ts-proto service definition `D`. */
export type RpcClient<D> = {
  [K in keyof D]: (request: RequestOf<D[K]>, metadata?: Metadata) => Promise<ResponseOf<D[K]>>;
} & { close(): void };

export interface RpcClientOptions {
  /** This caller's name and secret, sent as `app` / `token` metadata on every call. */
  app: string;
  token: string;
  /** Per-call deadline; go-zero's default is 2000 ms. */
  deadlineMs?: number;
  /**
   * What each call takes over from the work it is made for, read when the call is made: metadata
   * (the request id) and a deadline, which shortens this client's own when it is sooner.
   */
  inherit?: () => Inherited | undefined;
  /** Reports every finished call (its method, the status received and the time it took). */
  metrics?: RpcMetrics;
  /** When given, each call is a client span, the child of the trace context it inherits. */
  tracing?: Tracing;
}

/**
 * A long-lived client for `target` (e.g. `etcd:///user.rpc`), built once in `main`. Every call
 * carries the credentials and a deadline, and failures come back as AppErrors.
 */
export function createRpcClient<D extends Record<string, ClientMethod>>(
  definition: D,
  target: string,
  { app, token, deadlineMs = 2_000, inherit, metrics, tracing }: RpcClientOptions,
): RpcClient<D> {
  const client = new Client(target, credentials.createInsecure(), {
    'grpc.keepalive_time_ms': 30_000,
    ...RECONNECT_PROMPTLY,
  });
  const methods: Record<string, unknown> = { close: () => client.close() };
  for (const [name, method] of Object.entries(definition)) {
    methods[name] = (request: unknown, extra?: Metadata) =>
      new Promise((resolve, reject) => {
        const metadata = extra?.clone() ?? new Metadata();
        const inherited = inherit?.();
        for (const [key, value] of Object.entries(inherited?.metadata ?? {})) metadata.set(key, value);
        const deadline = Math.min(Date.now() + deadlineMs, inherited?.deadline ?? Infinity);
        metadata.set('app', app);
        metadata.set('token', token);
        const started = performance.now();
        const endSpan = tracing?.enabled ? startClientCall(tracing, method.path, metadata) : undefined;
        client.makeUnaryRequest(
          method.path,
          (value: unknown) => method.requestSerialize(value),
          (bytes: Buffer) => method.responseDeserialize(bytes),
          request,
          metadata,
          { deadline },
          (error: ServiceError | null, response?: unknown) => {
            metrics?.observe(
              method.path,
              error ? (status[error.code] ?? 'UNKNOWN') : 'OK',
              performance.now() - started,
            );
            endSpan?.(error ? error.code : status.OK, error?.details);
            if (error) reject(fromServiceError(error, target));
            else resolve(response);
          },
        );
      });
  }
  return methods as RpcClient<D>;
}
