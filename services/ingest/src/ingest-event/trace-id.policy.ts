import { randomUUID } from 'node:crypto';

// Trace ids travel in Kafka headers and logs: short, printable ASCII, no spaces.
const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

/** The caller's trace id when it is a usable one, else a fresh one, so every output has a trace. */
export function traceIdFrom(candidate: string | undefined): string {
  return candidate !== undefined && ACCEPTABLE.test(candidate) ? candidate : randomUUID();
}
