import pino from 'pino';
import type { DestinationStream } from 'pino';
import { REDACTED, SECRET_KEYS, redactPaths } from './log-redaction.paths';

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
  /**
   * Keys holding personal data (customer ids, amounts...) to redact on top of the credentials,
   * which are always redacted (SECRET_KEYS); the LOG_REDACT_FIELDS setting.
   */
  redactFields?: readonly string[];
  /** Defaults to stdout (synchronous writes: nothing is lost when the process exits); tests pass a stream. */
  destination?: DestinationStream;
}

/**
 * Credentials (SECRET_KEYS) and the configured personal-data keys are replaced by "[redacted]"
 * at any depth up to REDACT_DEPTH, including inside serialized errors' details. Messages (`msg`)
 * are not inspected: never interpolate a secret or personal data into one.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.errWithCause },
      redact: {
        paths: redactPaths([...SECRET_KEYS, ...(options.redactFields ?? [])]),
        censor: REDACTED,
      },
    },
    options.destination ?? pino.destination({ sync: true }),
  );
}
