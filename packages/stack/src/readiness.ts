import { checkHealth } from '@mall/rpc';

/** True when the gRPC server at `target` reports SERVING. */
export async function grpcServing(target: string): Promise<boolean> {
  return (await checkHealth(target)).serving;
}

/** True when `url` answers 2xx. */
export async function httpHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}
