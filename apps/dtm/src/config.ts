import { z } from 'zod';
import { env, loadConfig } from '@mall/config';

const seconds = (fallback: number, max = 86_400) => z.coerce.number().int().min(1).max(max).default(fallback);

const schema = z
  .object({
    HTTP_PORT: env.port(36789),
    GRPC_PORT: env.port(36790),
    LISTEN_HOST: z.string().min(1).default('0.0.0.0'),
    ADVERTISE_HOST: env.advertiseHost,
    MYSQL_URL: env.mysqlUrl,
    MYSQL_DATABASE: env.databaseName('dtm'),
    MYSQL_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    /** Group commit: lanes (one connection each) that batch the hot writes of concurrent transactions; 0 = off. */
    MYSQL_WRITE_LANES: z.coerce.number().int().min(0).max(64).default(2),
    /** Optional: when set, the server registers as ETCD_KEY and can call `etcd://` / `discov://` branch targets. */
    ETCD_ENDPOINTS: env.etcdEndpoints.optional(),
    ETCD_KEY: z.string().min(1).default('dtmservice'),
    /** Seconds between cron looks for due transactions. */
    TRANS_CRON_INTERVAL: seconds(3),
    /** Due transactions the cron resumes at once (DTM: 1); each takes a connection while it runs. */
    CRON_WORKERS: z.coerce.number().int().min(1).max(64).default(4),
    /** Seconds before a TCC/XA/msg transaction fails; sagas only time out when they ask to. */
    TIMEOUT_TO_FAIL: seconds(35),
    /** Seconds: base of the retry backoff, and how long a cron lease hides a transaction. */
    RETRY_INTERVAL: seconds(10),
    /** Seconds: ceiling of the doubled retry interval (DTM has none). */
    MAX_RETRY_INTERVAL: seconds(3600, 31_536_000),
    /** Seconds one branch call may take. */
    REQUEST_TIMEOUT: seconds(3, 3600),
    /** Optional: the bearer token of the admin console at /admin; unset, the console is off. */
    DTM_ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters (the admin console token)').optional(),
    /** Seconds between janitor runs, which delete finished transactions past JANITOR_RETENTION; 0 = off. */
    JANITOR_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(0),
    /** Seconds a finished (succeed/failed) transaction is kept after it ended; at least an hour. */
    JANITOR_RETENTION: z.coerce.number().int().min(3_600).max(315_360_000).default(604_800),
    LOG_LEVEL: env.logLevel,
    SHUTDOWN_GRACE_MS: env.milliseconds(5_000),
    ...env.tracing,
  })
  .refine((config) => config.TIMEOUT_TO_FAIL >= config.RETRY_INTERVAL, {
    path: ['TIMEOUT_TO_FAIL'],
    message: 'must be at least RETRY_INTERVAL',
  })
  .refine((config) => config.MAX_RETRY_INTERVAL >= config.RETRY_INTERVAL, {
    path: ['MAX_RETRY_INTERVAL'],
    message: 'must be at least RETRY_INTERVAL',
  });

export type DtmConfig = z.output<typeof schema>;

export const loadDtmConfig = (source: NodeJS.ProcessEnv = process.env): DtmConfig => loadConfig('dtm', schema, source);
