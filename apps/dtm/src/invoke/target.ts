import { invalid } from '../errors.js';
import type { Protocol } from '../trans/types.js';

export type Target =
  | { kind: 'none' }
  | { kind: 'http'; url: string }
  /** `server` is what a channel dials (`host:port` or `etcd://hosts/key`); `method` is `/pkg.Svc/Method`. */
  | { kind: 'grpc'; server: string; method: string; discovered: boolean };

const DISCOVERY_SCHEMES = ['etcd', 'discov'];

function grpcTarget(url: string): Target {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd >= 0) {
    const scheme = url.slice(0, schemeEnd);
    if (!DISCOVERY_SCHEMES.includes(scheme)) throw invalid(`unsupported branch target scheme "${scheme}" in ${url}`);
    // etcd://hosts/key/pkg.Svc/Method: the key is the first path segment, the rest is the method.
    const afterAuthority = url.indexOf('/', schemeEnd + 3);
    const afterKey = afterAuthority < 0 ? -1 : url.indexOf('/', afterAuthority + 1);
    if (afterKey < 0) throw invalid(`branch target ${url} needs a service key and a /pkg.Service/Method`);
    return {
      kind: 'grpc',
      server: url.slice(0, afterKey),
      method: checkMethod(url.slice(afterKey), url),
      discovered: true,
    };
  }
  const slash = url.indexOf('/');
  if (slash <= 0) throw invalid(`branch target ${url} must look like host:port/pkg.Service/Method`);
  return { kind: 'grpc', server: url.slice(0, slash), method: checkMethod(url.slice(slash), url), discovered: false };
}

function checkMethod(method: string, url: string): string {
  if (!/^\/[\w.]+\/\w+$/.test(method)) throw invalid(`branch target ${url} must end in /pkg.Service/Method`);
  return method;
}

/** An empty branch URL is a no-op that counts as success (reference §4.5). */
export const isNoop = (url: string) => url === '';

/**
 * How a branch URL is called (reference §2.2): empty is a no-op, an http(s) URL or an HTTP
 * transaction is HTTP, anything else gRPC. Throws INVALID for a URL that can never work, so a
 * transaction is refused at submit instead of being retried forever.
 */
export function parseTarget(url: string, protocol: Protocol): Target {
  if (isNoop(url)) return { kind: 'none' };
  if (protocol === 'http' || /^https?:\/\//.test(url)) {
    if (!URL.canParse(url) || !/^https?:\/\//.test(url)) throw invalid(`branch URL ${url} is not an http(s) URL`);
    return { kind: 'http', url };
  }
  return grpcTarget(url);
}
