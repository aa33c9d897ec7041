import { Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from '@mall/logger';
import type { Tracing } from '@mall/tracing';
import type { Authenticator } from './auth.js';
import type { RpcMetrics } from './call-metrics.js';
import { createCallScope, type Inherited } from './call-scope.js';
import {
  adaptHandlers,
  tolerantDefinition,
  type Handlers,
  type MethodAccess,
  type UnaryDefinition,
} from './handlers.js';

export interface RpcServerOptions {
  logger: Logger;
  authenticate: Authenticator;
  /** Reports every finished call (its method, status and duration). */
  metrics?: RpcMetrics;
  /** Traces every call (see AdaptOptions.tracing). */
  tracing?: Tracing;
}

export interface RpcServer {
  /** Serves `definition` (a ts-proto `…Service` constant) with async handlers; call before `listen`. */
  addService<D extends Record<string, UnaryDefinition>>(
    name: string,
    definition: D,
    handlers: Handlers<D>,
    access?: MethodAccess<D>,
  ): void;
  /**
   * The deadline and request id of the call being served, for the outgoing calls it makes: pass it
   * as `inherit` to createRpcClient, so downstream calls end when the caller stops waiting.
   */
  inherited: () => Inherited | undefined;
  /** Binds, then reports SERVING on the health service. Returns the bound port (useful with port 0). */
  listen(host: string, port: number): Promise<number>;
  /** NOT_SERVING, stop taking calls, finish those in flight; force-close after `graceMs`. */
  shutdown(graceMs?: number): Promise<void>;
}

/** A grpc-js server with the standard health service (unauthenticated, for probes) and RPC auth on everything else. */
export function createRpcServer({ logger, authenticate, metrics, tracing }: RpcServerOptions): RpcServer {
  const server = new Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  const names: string[] = [''];
  const health = new HealthImplementation({ '': 'NOT_SERVING' });
  const scope = createCallScope();
  health.addToServer(server);

  return {
    addService(name, definition, handlers, access = {}) {
      server.addService(
        tolerantDefinition(definition) as unknown as ServiceDefinition,
        adaptHandlers(definition, handlers, { authenticate, access, scope, logger, metrics, tracing }),
      );
      names.push(name);
      health.setStatus(name, 'NOT_SERVING');
    },

    inherited: () => scope.getStore(),

    async listen(host, port) {
      const bound = await new Promise<number>((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, actual) =>
          error ? reject(error) : resolve(actual),
        );
      });
      for (const name of names) health.setStatus(name, 'SERVING');
      return bound;
    },

    async shutdown(graceMs = 5_000) {
      for (const name of names) health.setStatus(name, 'NOT_SERVING');
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          logger.warn({ graceMs }, 'grpc calls still running after the grace period; forcing shutdown');
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
