/**
 * Where finished calls are reported, e.g. go-zero's `rpc_*_requests_*` families from @mall/metrics.
 * Optional on servers and clients: without it nothing is measured.
 */
export interface RpcMetrics {
  /** `method` is the full path (`/user.User/Login`), `code` the canonical status name (`OK`, `NOT_FOUND`, …). */
  observe(method: string, code: string, ms: number): void;
}
