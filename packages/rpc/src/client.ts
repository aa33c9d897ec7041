import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { fromServiceError } from './status-mapping.js';

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
  /** Extra metadata for each call, read when the call is made (e.g. the request id being served). */
  callMetadata?: () => Record<string, string> | undefined;
}

/**
 * A long-lived client for `target` (e.g. `etcd:///user.rpc`), built once in `main`. Every call
 * carries the credentials and a deadline, and failures come back as AppErrors.
 */
export function createRpcClient<D extends Record<string, ClientMethod>>(
  definition: D,
  target: string,
  { app, token, deadlineMs = 2_000, callMetadata }: RpcClientOptions,
): RpcClient<D> {
  const client = new Client(target, credentials.createInsecure(), { 'grpc.keepalive_time_ms': 30_000 });
  const methods: Record<string, unknown> = { close: () => client.close() };
  for (const [name, method] of Object.entries(definition)) {
    methods[name] = (request: unknown, extra?: Metadata) =>
      new Promise((resolve, reject) => {
        const metadata = extra?.clone() ?? new Metadata();
        for (const [key, value] of Object.entries(callMetadata?.() ?? {})) metadata.set(key, value);
        metadata.set('app', app);
        metadata.set('token', token);
        client.makeUnaryRequest(
          method.path,
          (value: unknown) => method.requestSerialize(value),
          (bytes: Buffer) => method.responseDeserialize(bytes),
          request,
          metadata,
          { deadline: Date.now() + deadlineMs },
          (error: ServiceError | null, response?: unknown) =>
            error ? reject(fromServiceError(error, target)) : resolve(response),
        );
      });
  }
  return methods as RpcClient<D>;
}
