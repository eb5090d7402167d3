export type StackErrorCode =
  | 'MISSING_TOOL'
  | 'PORT_TAKEN'
  | 'FETCH_FAILED'
  | 'START_FAILED'
  | 'START_TIMEOUT'
  | 'STOP_FAILED'
  | 'BAD_USAGE';

/**
 * An expected failure of the local stack with a one-line, actionable message (the CLI prints
 * `message` alone, never a stack trace). Nothing here is retriable by the caller: a person has to
 * act (install a tool, free a port, read a log).
 */
export class StackError extends Error {
  readonly code: StackErrorCode;

  constructor(code: StackErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StackError';
    this.code = code;
  }
}

/** The first line of any thrown value, for one-line reporting. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').find((line) => line.trim() !== '');
  return (first ?? text).trim();
}
