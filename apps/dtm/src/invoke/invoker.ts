import { invalid } from '../errors.js';
import type { Protocol } from '../trans/types.js';
import type { BranchCall } from './call.js';
import { createGrpcChannels } from './grpc-call.js';
import { createHttpCaller } from './http-call.js';
import { SUCCESS, type Outcome } from './outcome.js';
import { parseTarget } from './target.js';

export interface BranchInvoker {
  /** Throws INVALID when `url` can never be called by this server. */
  check(url: string, protocol: Protocol): void;
  invoke(call: BranchCall, protocol: Protocol): Promise<Outcome>;
  close(): void;
}

export interface InvokerOptions {
  /** Whether `etcd://` and `discov://` targets can be resolved (an etcd resolver is registered). */
  discovery: boolean;
}

/** Calls branches over HTTP or gRPC, whichever their URL asks for. */
export function createBranchInvoker({ discovery }: InvokerOptions): BranchInvoker {
  const channels = createGrpcChannels();
  const http = createHttpCaller();
  const target = (url: string, protocol: Protocol) => {
    const parsed = parseTarget(url, protocol);
    if (parsed.kind === 'grpc' && parsed.discovered && !discovery) {
      throw invalid(`branch target ${url} needs etcd discovery, but this server has no ETCD_ENDPOINTS`);
    }
    return parsed;
  };

  return {
    check(url, protocol) {
      target(url, protocol);
    },

    async invoke(call, protocol) {
      let parsed;
      try {
        parsed = target(call.url, protocol);
      } catch (error) {
        return { result: 'ERROR', message: (error as Error).message };
      }
      if (parsed.kind === 'none') return SUCCESS;
      if (parsed.kind === 'http') return http.call(call);
      return channels.call(parsed.server, parsed.method, call);
    },

    close() {
      channels.close();
      http.close();
    },
  };
}
