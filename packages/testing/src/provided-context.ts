// What the global setup hands to tests through vitest's inject().
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlUrl: string;
    etcdEndpoints: string;
  }
}
