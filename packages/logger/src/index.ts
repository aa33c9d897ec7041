import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** One JSON line per event, tagged with the service; children add request ids and call details. */
export function createLogger(service: string, level: LevelWithSilent = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
