import type { Metadata, ServerUnaryCall, sendUnaryData, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Logger } from '@mall/logger';
import { AppError } from './app-error.js';
import type { Authenticator } from './auth.js';
import { toServiceError } from './status-mapping.js';

/** Metadata key carrying the id of the HTTP request a call serves, so its log lines can be joined up. */
export const REQUEST_ID = 'x-request-id';

/** The shape of one unary method in a ts-proto service definition. */
export interface UnaryDefinition<Req = unknown, Res = unknown> {
  path: string;
  requestStream: false;
  responseStream: false;
  requestDeserialize(bytes: Buffer): Req;
  responseSerialize(value: Res): Buffer;
}

type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer Req } ? Req : never;
type ResponseOf<M> = M extends { responseSerialize(value: infer Res): Buffer } ? Res : never;

export interface CallContext {
  metadata: Metadata;
  /** The authenticated caller (`app` metadata). */
  caller: string;
  logger: Logger;
}

/** One async function per RPC of service definition `D`, keyed like the definition. */
export type Handlers<D> = {
  [K in keyof D]: (request: RequestOf<D[K]>, context: CallContext) => Promise<ResponseOf<D[K]>>;
};

/**
 * Adapts async handlers to grpc-js callbacks: authenticates the caller, logs the call, and
 * sends thrown AppErrors as their canonical status (anything else as a bland INTERNAL).
 */
export function adaptHandlers<D extends Record<string, UnaryDefinition>>(
  definition: D,
  handlers: Handlers<D>,
  authenticate: Authenticator,
  logger: Logger,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const name of Object.keys(definition) as (keyof D & string)[]) {
    const handler = handlers[name];
    const method = definition[name]!.path;
    implementation[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const started = performance.now();
      const [requestId] = call.metadata.get(REQUEST_ID);
      const callLogger = logger.child(
        typeof requestId === 'string' && requestId.length <= 128 ? { method, requestId } : { method },
      );
      const finish = (outcome: string, error?: unknown) => {
        const ms = Math.round((performance.now() - started) * 10) / 10;
        if (error && !(error instanceof AppError)) callLogger.error({ ms, err: error }, 'rpc failed unexpectedly');
        else callLogger.debug({ ms, outcome }, 'rpc');
      };
      let caller: string;
      try {
        caller = authenticate(call.metadata);
      } catch (error) {
        finish('UNAUTHENTICATED');
        callback(toServiceError(error));
        return;
      }
      const context: CallContext = { metadata: call.metadata, caller, logger: callLogger.child({ caller }) };
      handler(call.request as never, context).then(
        (response) => {
          finish('OK');
          callback(null, response);
        },
        (error: unknown) => {
          finish(error instanceof AppError ? error.code : 'INTERNAL', error);
          callback(toServiceError(error));
        },
      );
    };
  }
  return implementation;
}
