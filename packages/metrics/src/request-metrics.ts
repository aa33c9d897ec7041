import { Counter, Histogram, type Registry } from 'prom-client';

/** go-zero's latency buckets, in milliseconds, for every `*_requests_duration_ms` histogram. */
export const DURATION_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000];

/** Finished gRPC calls, on the serving or the calling side, by full method and canonical code name. */
export interface RpcCallMetrics {
  /** `method` is the full path (`/user.User/Login`), `code` a name such as `OK` or `NOT_FOUND`. */
  observe(method: string, code: string, ms: number): void;
}

/** Finished HTTP requests by route template (never the raw URL), method and status code. */
export interface HttpRequestMetrics {
  observe(path: string, method: string, code: number, ms: number): void;
}

/**
 * go-zero's `rpc_server_requests_*` or `rpc_client_requests_*` families: a latency histogram by
 * method and a counter by method and code. No label names a user, an order or a request.
 */
export function createRpcCallMetrics(registry: Registry, side: 'server' | 'client'): RpcCallMetrics {
  const duration = new Histogram({
    name: `rpc_${side}_requests_duration_ms`,
    help: `gRPC ${side} call latency in milliseconds, by method`,
    labelNames: ['method'],
    buckets: DURATION_BUCKETS_MS,
    registers: [registry],
  });
  const codes = new Counter({
    name: `rpc_${side}_requests_code_total`,
    help: `gRPC ${side} calls, by method and status code`,
    labelNames: ['method', 'code'],
    registers: [registry],
  });
  return {
    observe(method, code, ms) {
      duration.observe({ method }, ms);
      codes.inc({ method, code });
    },
  };
}

/** go-zero's `http_server_requests_*` families, labelled by route template and method. */
export function createHttpRequestMetrics(registry: Registry): HttpRequestMetrics {
  const duration = new Histogram({
    name: 'http_server_requests_duration_ms',
    help: 'HTTP request latency in milliseconds, by route and method',
    labelNames: ['path', 'method'],
    buckets: DURATION_BUCKETS_MS,
    registers: [registry],
  });
  const codes = new Counter({
    name: 'http_server_requests_code_total',
    help: 'HTTP requests, by route, method and status code',
    labelNames: ['path', 'method', 'code'],
    registers: [registry],
  });
  return {
    observe(path, method, code, ms) {
      duration.observe({ path, method }, ms);
      codes.inc({ path, method, code: String(code) });
    },
  };
}
