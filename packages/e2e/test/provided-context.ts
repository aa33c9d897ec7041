import type {} from 'vitest';
import type { AppName } from '@mall/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    mysqlUrl: string;
    mysqlDatabase: string;
    dtmDatabase: string;
    /** `schema.table` of DTM's barrier table. */
    barrierTable: string;
    dtmHttpUrl: string;
    /** Each app's Prometheus endpoint (DTM's is /api/metrics on its HTTP port). */
    metricsUrls: Record<AppName, string>;
    etcdEndpoints: string;
    jwtSecret: string;
    logDir: string;
    /** Every span the apps exported, one JSON line each (see otlp-receiver.ts). */
    spansFile: string;
    appEnvs: Record<AppName, Record<string, string>>;
    appPids: Record<AppName, number>;
  }
}
