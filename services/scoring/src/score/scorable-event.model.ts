import type { EnrichedEvent } from '@rtml/contracts';

/** The parts of an enriched event that scoring reads (the transaction itself is not needed). */
export type ScorableEvent = Pick<
  EnrichedEvent,
  'eventId' | 'eventTime' | 'entityId' | 'featureSet' | 'features' | 'timings'
>;
