import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One app's registry, built in its `main`: the process families (CPU, resident and heap memory,
 * event-loop lag, GC, open handles) are read on every scrape. Apps add their own families to it.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
