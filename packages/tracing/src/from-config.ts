import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { startTracing, type Tracing } from './tracing.js';

/** The OpenTelemetry variables an app's config.ts validates (see @mall/config's `env.tracing`). */
export interface TracingConfig {
  OTEL_TRACES_EXPORTER: 'otlp' | 'none';
  /** Base URL of an OTLP/HTTP receiver, e.g. `http://jaeger:4318`; traces go to `/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: string;
  OTEL_SERVICE_NAME?: string | undefined;
  /** Milliseconds finished spans wait to be sent in a batch. */
  OTEL_BSP_SCHEDULE_DELAY: number;
}

/** Tracing as configured: off unless OTEL_TRACES_EXPORTER=otlp; the service is named after the app by default. */
export function tracingFromConfig(config: TracingConfig, appName: string): Tracing {
  const serviceName = config.OTEL_SERVICE_NAME ?? appName;
  if (config.OTEL_TRACES_EXPORTER === 'none') return startTracing({ serviceName });
  const url = `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  const exporter = new OTLPTraceExporter({ url });
  return startTracing({ serviceName, exporter, batchDelayMs: config.OTEL_BSP_SCHEDULE_DELAY });
}
