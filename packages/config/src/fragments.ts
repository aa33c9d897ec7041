// Schema fragments every app shares, so one variable means the same thing everywhere.
import { z } from 'zod';

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** `mysql://user:pass@host:port`; a database in the path is ignored (see MYSQL_DATABASE). */
export const mysqlUrl = z.string({ error: 'is required (mysql://user:pass@host:port)' }).refine((value) => {
  try {
    return new URL(value).protocol === 'mysql:';
  } catch {
    return false;
  }
}, 'must look like mysql://user:pass@host:port');

export const databaseName = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'must be 1-64 letters, digits or underscores')
    .default(fallback);

/** A comma list of etcd endpoints; `host:port` entries get `http://` prepended. */
export const etcdEndpoints = z
  .string({ error: 'is required (comma list, e.g. 127.0.0.1:2379)' })
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => (/^https?:\/\//.test(entry) ? entry : `http://${entry}`)),
  )
  .refine((list) => list.length > 0, 'must name at least one endpoint');

/** A secret: required, no default, long enough not to be guessed. */
export const secret = (what: string) =>
  z.string({ error: `is required (${what})` }).min(16, `must be at least 16 characters (${what})`);

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** The `host:port` peers use to reach this process; defaults to the listen host, or 127.0.0.1 for 0.0.0.0. */
export const advertiseHost = z.string().min(1).optional();

export const milliseconds = (fallback: number) => z.coerce.number().int().min(1).max(600_000).default(fallback);

/** `table` or `schema.table`, e.g. DTM's barrier table `dtm_barrier.barrier`. */
export const tableName = (fallback: string) =>
  z
    .string()
    .regex(
      /^([A-Za-z0-9_$]{1,64}\.)?[A-Za-z0-9_$]{1,64}$/,
      'must be "table" or "schema.table" (letters, digits, _ or $)',
    )
    .default(fallback);

/** `on` / `off` (also true/false, 1/0, yes/no), for switches such as FAULT_INJECTION. */
export const flag = (fallback: boolean) =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no'], { error: 'must be on or off' })
    .default(fallback ? 'on' : 'off')
    .transform((value) => ['on', 'true', '1', 'yes'].includes(value));

/**
 * The port of a Prometheus `/metrics` listener: a port number (0 = any free port, as in tests), or
 * `off` for no listener at all. Parsed to the port, or `undefined` when off.
 */
export const metricsPort = (fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((value, context) => {
      if (value.trim().toLowerCase() === 'off') return undefined;
      const port = Number(value);
      if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
        context.addIssue({ code: 'custom', message: 'must be a port (0-65535; 0 = any free port) or off' });
        return z.NEVER;
      }
      return port;
    });

/**
 * OpenTelemetry's own variable names. Traces go nowhere unless OTEL_TRACES_EXPORTER is `otlp`;
 * then they are sent over OTLP/HTTP to `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. OTEL_SERVICE_NAME
 * defaults to the app's name.
 */
export const tracing = {
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { error: 'must be otlp or none' }).default('none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://jaeger:4318' })
    .default('http://localhost:4318'),
  OTEL_SERVICE_NAME: z.string().min(1).max(128).optional(),
  /** Milliseconds finished spans wait to be sent in a batch. */
  OTEL_BSP_SCHEDULE_DELAY: milliseconds(5_000),
};
