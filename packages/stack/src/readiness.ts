import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

interface HealthClient {
  check(
    request: { service: string },
    options: { deadline: number },
    callback: (error: ServiceError | null, response?: { status: string }) => void,
  ): void;
  close(): void;
}

const Health = makeGenericClientConstructor(healthService, 'grpc.health.v1.Health');

/** True when the gRPC server at `target` reports SERVING. */
export function grpcServing(target: string): Promise<boolean> {
  const client = new Health(target, credentials.createInsecure()) as unknown as HealthClient;
  return new Promise((resolve) => {
    client.check({ service: '' }, { deadline: Date.now() + 1_000 }, (error, response) => {
      client.close();
      resolve(!error && response?.status === 'SERVING');
    });
  });
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
