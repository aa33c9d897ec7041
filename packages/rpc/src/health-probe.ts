#!/usr/bin/env node
// `health-probe host:port`: exits 0 when the server's gRPC health service reports SERVING.
// Container healthchecks use it, as no grpc_health_probe binary ships in the image.
import { checkHealth } from './check-health.js';

const target = process.argv[2] ?? '127.0.0.1:9000';
const { serving, status } = await checkHealth(target, 2_000);
if (!serving) console.error(`${target}: ${status}`);
process.exit(serving ? 0 : 1);
