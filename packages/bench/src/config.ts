// What `pnpm bench` reads from its environment: servers to use instead of starting throw-away ones.
import { z } from 'zod';
import { env, loadConfig } from '@mall/config';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function onLoopback(url: string): boolean {
  const withScheme = /^[a-z]+:\/\//.test(url) ? url : `http://${url}`;
  return URL.canParse(withScheme) && LOOPBACK.has(new URL(withScheme).hostname);
}

const loopbackOnly = 'must be on 127.0.0.1 or localhost: the bench sends traffic nowhere else';

const schema = z.object({
  MYSQL_URL: env.mysqlUrl.refine(onLoopback, loopbackOnly).optional(),
  ETCD_ENDPOINTS: z
    .string()
    .refine((list) => list.split(',').every((entry) => onLoopback(entry.trim())), loopbackOnly)
    .optional(),
});

export type BenchConfig = z.output<typeof schema>;

export const loadBenchConfig = (source: NodeJS.ProcessEnv = process.env): BenchConfig =>
  loadConfig('bench', schema, source);
