import { createHash } from 'node:crypto';
import type { FeatureSet } from '@rtml/feature-engine';
import { cardNumbers } from '@rtml/model-training';
import type { DayRange } from '../evaluate/labelled-rows.loader';
import type { LabelledRows } from '../evaluate/labelled-rows.model';
import { formatUtcDay } from '../evaluate/utc-day.calendar';
import { getActionsJson } from './actions-api.client';
import type { ActionsApi } from './actions-api.client';

/** What `GET /v1/feature-sets/{name}/labelled-rows` answers for one day. */
interface DayRows {
  readonly complete: boolean;
  readonly clock: number | null;
  readonly eventIds: string[];
  readonly entityIds: string[];
  readonly eventTimes: number[];
  readonly labels: number[];
  readonly features: number[][];
}

export interface StoredRows {
  readonly rows: LabelledRows;
  /** Where they came from, for the manifest's `trainingData.source`. */
  readonly source: string;
  /** sha256 of what was read (every day's answer, in day order): the manifest's `sourceSha256`. */
  readonly sha256: string;
}

/**
 * The labelled rows of `range` from what the pipeline served: every matured event scored on the
 * feature set (its name and version), its vector as logged with its prediction and its label,
 * read day by day from the actions API. No backfill, so training sees what serving computed.
 * Refuses a range whose days have not all matured (their labels are not known yet).
 */
export async function loadStoredRows(
  api: ActionsApi,
  featureSet: FeatureSet,
  range: DayRange,
): Promise<StoredRows> {
  const hash = createHash('sha256');
  const days: DayRows[] = [];
  const path = `/v1/feature-sets/${encodeURIComponent(featureSet.name)}/labelled-rows`;
  for (let day = range.fromDay; day <= range.toDay; day++) {
    const answer = await getActionsJson<DayRows>(api, path, {
      version: String(featureSet.version),
      day: formatUtcDay(day),
    });
    if (!answer.complete)
      throw new Error(
        `${formatUtcDay(day)} has not matured in the store yet (event clock ${
          answer.clock === null ? 'unset' : new Date(answer.clock).toISOString()
        }): the range and its held-out week must be past the label delay`,
      );
    for (const vector of answer.features)
      if (vector.length !== featureSet.features.length)
        throw new Error(
          `a vector of ${formatUtcDay(day)} has ${vector.length} values, feature set ${featureSet.name} ${featureSet.features.length}`,
        );
    hash.update(JSON.stringify(answer));
    days.push(answer);
  }
  const entityIds = days.flatMap((day) => day.entityIds);
  const width = featureSet.features.length;
  const count = entityIds.length;
  const features = new Float32Array(count * width);
  let row = 0;
  for (const day of days) for (const vector of day.features) features.set(vector, width * row++);
  return {
    rows: {
      featureNames: featureSet.features.map((feature) => feature.name),
      rows: count,
      transactionIds: Int32Array.from({ length: count }, (_, i) => i),
      days: Int32Array.from(
        days.flatMap((day) => day.eventTimes.map((t) => Math.floor(t / 86_400_000))),
      ),
      cards: Int32Array.from(cardNumbers(entityIds)),
      labels: Uint8Array.from(days.flatMap((day) => day.labels)),
      features,
    },
    source: `served feature vectors: ${api.url}${path}?version=${featureSet.version}`,
    sha256: hash.digest('hex'),
  };
}
