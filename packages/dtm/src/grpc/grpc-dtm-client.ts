import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { DtmService, type DtmRequest } from '@mall/proto/dtmgimp';
import { RECONNECT_PROMPTLY } from '@mall/rpc';
import { DtmRequestError } from '../results/dtm-errors.js';
import { errorFromGrpcError } from '../results/read-grpc-error.js';

export interface GrpcDtmClientOptions {
  /** Deadline of each call to the server unless the call sets its own; the Go SDK's default is 3 s. */
  timeoutMs?: number;
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

export function createGrpcDtmClient(target: string, { timeoutMs = 3_000 }: GrpcDtmClientOptions = {}): GrpcDtmClient {
  const client = new Client(target, credentials.createInsecure(), RECONNECT_PROMPTLY);

  function call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, deadlineMs = timeoutMs): Promise<Res> {
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        method.path,
        (value: Req) => method.requestSerialize(value),
        (bytes: Buffer) => method.responseDeserialize(bytes),
        request,
        new Metadata(),
        { deadline: Date.now() + deadlineMs },
        (error: ServiceError | null, response?: Res) =>
          error ? reject(errorFromGrpcError(error, `DTM ${target}${method.path}`)) : resolve(response as Res),
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
