import { z } from 'zod';
import { loadConfig } from '@mall/config';

const schema = z.object({
  /** A gateway on this machine only: the bench sends traffic nowhere else. */
  GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/, 'must be http://127.0.0.1:<port> or localhost')
    .default('http://127.0.0.1:8888'),
  ORDERS: z.coerce.number().int().min(1).max(10_000).default(100),
});

export type OrderLatencyConfig = z.output<typeof schema>;

export const loadOrderLatencyConfig = (source: NodeJS.ProcessEnv = process.env): OrderLatencyConfig =>
  loadConfig('order-latency', schema, source);
