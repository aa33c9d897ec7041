/**
 * Reconnect backoff for every long-lived gRPC client of the mall. grpc-js doubles its wait between
 * reconnect attempts up to 120 s and, meanwhile, fails every call at once: a service that was down
 * for a few seconds stayed unreachable to a client for up to two minutes after it came back
 * (the chaos test saw DTM fail order-rpc calls long after order-rpc was healthy again). With the
 * wait capped at 1 s, the first calls after a restart reach the new process.
 */
export const RECONNECT_PROMPTLY = { 'grpc.max_reconnect_backoff_ms': 1_000 } as const;
