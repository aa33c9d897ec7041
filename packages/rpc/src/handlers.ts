import {
  status,
  type Metadata,
  type ServerUnaryCall,
  type sendUnaryData,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Logger } from '@mall/logger';
import { logFieldsOf, type Tracing } from '@mall/tracing';
import { AppError } from './app-error.js';
import type { Authenticator } from './auth.js';
import type { CallScope } from './call-scope.js';
import type { RpcMetrics } from './call-metrics.js';
import { toServiceError } from './status-mapping.js';
import { startServerCall } from './tracing.js';

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

/** What a request decodes to when its bytes are not the method's message (see tolerantDefinition). */
const MALFORMED: unique symbol = Symbol('malformed request');

/**
 * The definition with request decoders that never throw: grpc-js answers a throwing one with
 * INTERNAL, but bytes that are not the method's message are the caller's mistake, which the adapted
 * handler answers with INVALID_ARGUMENT.
 */
export function tolerantDefinition<D extends Record<string, UnaryDefinition>>(definition: D): D {
  const tolerant = Object.entries(definition).map(([name, method]) => {
    const requestDeserialize = (bytes: Buffer) => {
      try {
        return method.requestDeserialize(bytes);
      } catch {
        return MALFORMED;
      }
    };
    return [name, { ...method, requestDeserialize }];
  });
  return Object.fromEntries(tolerant) as D;
}

type RequestOf<M> = M extends { requestDeserialize(bytes: Buffer): infer Req } ? Req : never;
type ResponseOf<M> = M extends { responseSerialize(value: infer Res): Buffer } ? Res : never;

export interface CallContext {
  metadata: Metadata;
  /** The authenticated caller (`app` metadata). */
  caller: string;
  /** Bound to the method, the caller and the request id; made on first use. */
  readonly logger: Logger;
}

/**
 * Which callers (`app` names) may call a method; a method not listed is open to every authenticated
 * caller. Internal methods (marking an order paid, giving stock back) name the services that need them.
 */
export type MethodAccess<D> = Partial<Record<keyof D, readonly string[]>>;

/** One async function per RPC of service definition `D`, keyed like the definition. */
export type Handlers<D> = {
  [K in keyof D]: (request: RequestOf<D[K]>, context: CallContext) => Promise<ResponseOf<D[K]>>;
};

/**
 * Adapts async handlers to grpc-js callbacks: authenticates the caller, logs the call, and
 * sends thrown AppErrors as their canonical status (anything else as a bland INTERNAL).
 */
export interface AdaptOptions<D> {
  authenticate: Authenticator;
  access: MethodAccess<D>;
  scope: CallScope;
  logger: Logger;
  metrics?: RpcMetrics;
  /** When given, each call is a server span, the child of the caller's, and the parent of the calls its handler makes. */
  tracing?: Tracing | undefined;
}

const QUIET: ReadonlySet<string> = new Set([
  'OK',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'ABORTED',
]);

function deadlineOf(call: ServerUnaryCall<unknown, unknown>): number | undefined {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? ms : undefined;
}

export function adaptHandlers<D extends Record<string, UnaryDefinition>>(
  definition: D,
  handlers: Handlers<D>,
  { authenticate, access, scope, logger, metrics, tracing }: AdaptOptions<D>,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const name of Object.keys(definition) as (keyof D & string)[]) {
    const handler = handlers[name];
    const method = definition[name]!.path;
    const allowed = access[name];
    implementation[name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const started = performance.now();
      const traced = tracing?.enabled ? startServerCall(tracing, method, call.metadata) : undefined;
      const fail = (error: unknown) => {
        const failure = toServiceError(error);
        traced?.end(failure.code ?? status.INTERNAL, failure.details);
        callback(failure);
      };
      const [given] = call.metadata.get(REQUEST_ID);
      const requestId = typeof given === 'string' && given.length <= 128 ? given : undefined;
      const called = requestId ? { method, requestId } : { method };
      const bindings = traced ? { ...called, ...logFieldsOf(traced.headers) } : called;
      // Child loggers are made when a line is written, and most calls write none.
      let callLogger: Logger | undefined;
      const log = () => (callLogger ??= logger.child(bindings));
      const finish = (outcome: string, error?: unknown) => {
        metrics?.observe(method, outcome, performance.now() - started);
        const quiet = QUIET.has(outcome) && (error === undefined || error instanceof AppError);
        if (quiet && !logger.isLevelEnabled('debug')) return;
        const ms = Math.round((performance.now() - started) * 10) / 10;
        if (error && !(error instanceof AppError)) log().error({ ms, err: error }, 'rpc failed unexpectedly');
        else if (!quiet) log().warn({ ms, outcome, reason: (error as Error | undefined)?.message }, 'rpc failed');
        else log().debug({ ms, outcome }, 'rpc');
      };
      let caller: string;
      try {
        caller = authenticate(call.metadata);
        if (allowed && !allowed.includes(caller)) {
          throw new AppError('PERMISSION_DENIED', `${caller} may not call ${method}`);
        }
        if (call.request === MALFORMED) throw new AppError('INVALID_ARGUMENT', 'the request is not a valid message');
      } catch (error) {
        finish(error instanceof AppError ? error.code : 'UNAUTHENTICATED', error);
        fail(error);
        return;
      }
      let handlerLogger: Logger | undefined;
      const context: CallContext = {
        metadata: call.metadata,
        caller,
        get logger() {
          return (handlerLogger ??= logger.child({ ...bindings, caller }));
        },
      };
      const passedOn = requestId ? { [REQUEST_ID]: requestId } : undefined;
      const inherited = {
        deadline: deadlineOf(call),
        metadata: traced ? { ...passedOn, ...traced.headers } : passedOn,
      };
      scope
        .run(inherited, () => handler(call.request as never, context))
        .then(
          (response) => {
            finish('OK');
            traced?.end(status.OK);
            callback(null, response);
          },
          (error: unknown) => {
            finish(error instanceof AppError ? error.code : 'INTERNAL', error);
            fail(error);
          },
        );
    };
  }
  return implementation;
}
