import { HEADERS } from '@rtml/contracts';

/**
 * The headers of every record a service produces on a data topic: the event id and the trace
 * id, each when known. The producing service is not repeated on every record: each data topic
 * has one producer (the catalog's `producers`), so only dead letters, which every service
 * writes, name theirs (`rtml-service`, set by the DeadLetterWriter). Each header costs the
 * producer CPU on every record (KafkaJS: docs/benchmarks.md, "Fewer headers"), so a header goes
 * in only when a reader cannot learn it otherwise.
 */
export function outputHeaders(
  eventId: string | undefined,
  traceId: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (eventId !== undefined) headers[HEADERS.eventId] = eventId;
  if (traceId !== undefined) headers[HEADERS.traceId] = traceId;
  return headers;
}
