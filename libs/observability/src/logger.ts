import pino from 'pino';
import type { DestinationStream } from 'pino';

/**
 * The structured logger every service and library uses: one JSON object per line on stdout,
 * with `service` on every line. Kafka code adds `topic`, `partition`, `offset` and `eventId`
 * through child loggers, so a line can always be traced back to its record.
 */
export interface Logger {
  fatal(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  trace(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Defaults to stdout (synchronous writes: nothing is lost when the process exits); tests pass a stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.errWithCause },
    },
    options.destination ?? pino.destination({ sync: true }),
  );
}
