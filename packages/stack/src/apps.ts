/**
 * The mall's deployables in start order, with what the launcher needs to know about each. `port` is
 * the one checked for health (gRPC health for `grpc`, GET /healthz for `http`), read from the
 * app's `portVariable`. `metricsPort` is its Prometheus listener (METRICS_PORT, go-zero-mall's
 * numbers); DTM has none, it serves `/api/metrics` on its HTTP port.
 */
export const APPS = [
  { name: 'user-rpc', kind: 'grpc', port: 9000, portVariable: 'PORT', etcdKey: 'user.rpc', metricsPort: 9090 },
  { name: 'product-rpc', kind: 'grpc', port: 9001, portVariable: 'PORT', etcdKey: 'product.rpc', metricsPort: 9091 },
  { name: 'order-rpc', kind: 'grpc', port: 9002, portVariable: 'PORT', etcdKey: 'order.rpc', metricsPort: 9092 },
  { name: 'pay-rpc', kind: 'grpc', port: 9003, portVariable: 'PORT', etcdKey: 'pay.rpc', metricsPort: 9093 },
  { name: 'dtm', kind: 'grpc', port: 36790, portVariable: 'GRPC_PORT', etcdKey: 'dtmservice' },
  { name: 'gateway', kind: 'http', port: 8888, portVariable: 'PORT', metricsPort: 9080 },
] as const;

/** The DTM server's HTTP API (`/api/dtmsvr/*`), beside its gRPC port above. */
export const DTM_HTTP_PORT = 36789;

export type AppSpec = (typeof APPS)[number];
export type AppName = AppSpec['name'];
