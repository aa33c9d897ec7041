import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { DtmService, type DtmRequest } from '@mall/proto/dtmgimp';
import { RECONNECT_PROMPTLY, startClientCall, type Inherited } from '@mall/rpc';
import type { Tracing } from '@mall/tracing';
import { DtmRequestError } from '../results/dtm-errors.js';
import { errorFromGrpcError } from '../results/read-grpc-error.js';

export interface GrpcDtmClientOptions {
  /** Deadline of each call to the server unless the call sets its own; the Go SDK's default is 3 s. */
  timeoutMs?: number;
  /**
   * What each call takes over from the work it is made for: its metadata (request id, trace
   * context), so DTM stores the caller's trace with the transaction.
   */
  inherit?: () => Pick<Inherited, 'metadata'> | undefined;
  /** When given, each call is a client span, the child of the trace context it inherits. */
  tracing?: Tracing;
}

/**
 * DTM's gRPC API (`dtmgimp.Dtm`) at `target`: `host:36790`, or a resolver target such as
 * `etcd://etcd:2379/dtmservice` whose grpc-js resolver the application registered. Build one per
 * process and close it on shutdown.
 */
export interface GrpcDtmClient {
  readonly target: string;
  newGid(): Promise<string>;
  submit(request: DtmRequest, timeoutMs?: number): Promise<void>;
  close(): void;
}

interface UnaryMethod<Req, Res> {
  path: string;
  requestSerialize(value: Req): Buffer;
  responseDeserialize(bytes: Buffer): Res;
}

export function createGrpcDtmClient(
  target: string,
  { timeoutMs = 3_000, inherit, tracing }: GrpcDtmClientOptions = {},
): GrpcDtmClient {
  const client = new Client(target, credentials.createInsecure(), RECONNECT_PROMPTLY);

  function call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, deadlineMs = timeoutMs): Promise<Res> {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(inherit?.()?.metadata ?? {})) metadata.set(key, value);
    const endSpan = tracing?.enabled ? startClientCall(tracing, method.path, metadata) : undefined;
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        method.path,
        (value: Req) => method.requestSerialize(value),
        (bytes: Buffer) => method.responseDeserialize(bytes),
        request,
        metadata,
        { deadline: Date.now() + deadlineMs },
        (error: ServiceError | null, response?: Res) => {
          endSpan?.(error ? error.code : status.OK, error?.details);
          if (error) reject(errorFromGrpcError(error, `DTM ${target}${method.path}`));
          else resolve(response as Res);
        },
      );
    });
  }

  return {
    target,
    async newGid() {
      const { Gid } = await call(DtmService.newGid, {});
      if (Gid === '') throw new DtmRequestError(`DTM ${target} answered NewGid without a gid`);
      return Gid;
    },
    async submit(request, deadlineMs) {
      await call(DtmService.submit, request, deadlineMs);
    },
    close: () => client.close(),
  };
}
