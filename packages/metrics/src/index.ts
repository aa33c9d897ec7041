export { createMetricsRegistry } from './registry.js';
export {
  createHttpRequestMetrics,
  createRpcCallMetrics,
  DURATION_BUCKETS_MS,
  type HttpRequestMetrics,
  type RpcCallMetrics,
} from './request-metrics.js';
export { serveMetrics, type MetricsServer, type MetricsServerOptions } from './metrics-server.js';
export { parseExposition, sumSamples, type Exposition, type Sample } from './exposition.js';
export type { Registry } from 'prom-client';
