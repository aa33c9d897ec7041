#!/usr/bin/env node
// `health-probe host:port`: exits 0 when the server's gRPC health service reports SERVING.
// Container healthchecks use it, as no grpc_health_probe binary ships in the image.
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

const target = process.argv[2] ?? '127.0.0.1:9000';
const Health = makeGenericClientConstructor(healthService, 'grpc.health.v1.Health');
const client = new Health(target, credentials.createInsecure()) as unknown as HealthClient;
client.check({ service: '' }, { deadline: Date.now() + 2_000 }, (error, response) => {
  client.close();
  const serving = !error && response?.status === 'SERVING';
  if (!serving) console.error(`${target}: ${error?.details ?? response?.status ?? 'no answer'}`);
  process.exit(serving ? 0 : 1);
});
