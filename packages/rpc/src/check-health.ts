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

/** Asks the standard gRPC health service at `target`; resolves to its status, or the reason there is none. */
export function checkHealth(target: string, deadlineMs = 1_000): Promise<{ serving: boolean; status: string }> {
  const client = new Health(target, credentials.createInsecure()) as unknown as HealthClient;
  return new Promise((resolve) => {
    client.check({ service: '' }, { deadline: Date.now() + deadlineMs }, (error, response) => {
      client.close();
      const status = error ? error.details : (response?.status ?? 'no answer');
      resolve({ serving: !error && response?.status === 'SERVING', status });
    });
  });
}
