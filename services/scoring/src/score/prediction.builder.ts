import type { Prediction } from '@rtml/contracts';
import type { ServingModel } from '../model/serving-model.model';
import { decide } from './decision.rule';
import type { ScoredChunk } from './micro-batch.scorer';
import type { ScorableEvent } from './scorable-event.model';

export interface ScoredEvent {
  readonly event: ScorableEvent;
  /** The feature values fed to the model, in its input order. */
  readonly values: readonly number[];
  readonly champion: { readonly model: ServingModel; readonly score: number };
  readonly challenger: { readonly model: ServingModel; readonly score: number } | undefined;
  readonly chunk: ScoredChunk;
}

/**
 * The prediction of one event, naming everything that produced it: the champion version that
 * decided, the feature set and the vector it was fed (in the model's order, as the event carried
 * the values, before the float32 cast every model applies), and the challenger's shadow verdict.
 */
export function buildPrediction(scored: ScoredEvent): Prediction {
  const { event, values, champion, challenger, chunk } = scored;
  const names = champion.model.layout.names;
  return {
    eventId: event.eventId,
    eventTime: event.eventTime,
    entityId: event.entityId,
    score: champion.score,
    threshold: champion.model.threshold,
    decision: decide(champion.score, champion.model.threshold),
    model: { ...champion.model.ref },
    featureSet: { ...champion.model.layout.featureSet },
    features: values.map((value, column) => ({ name: names[column] as string, value })),
    shadow:
      challenger === undefined
        ? null
        : {
            model: { ...challenger.model.ref },
            score: challenger.score,
            decision: decide(challenger.score, challenger.model.threshold),
          },
    timings: {
      ingestedAt: event.timings.ingestedAt,
      enrichedAt: event.timings.enrichedAt,
      scoredAt: chunk.scoredAt,
      scoringMs: chunk.scoringMs,
    },
  };
}
