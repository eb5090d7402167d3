import { HANDBOOK_15 } from '@rtml/feature-engine';
import { featureLayout } from '../model/feature-layout.model';
import type { FeatureLayout } from '../model/feature-layout.model';
import type { ModelScorer } from '../model/model-scorer.port';
import type { ServingModel } from '../model/serving-model.model';

export const HANDBOOK_LAYOUT: FeatureLayout = featureLayout(
  HANDBOOK_15,
  HANDBOOK_15.features.map((feature) => feature.name),
);

/** A scorer of our own port for pure tests: scores each row by `score(row)`, counts releases. */
export class RecordingScorer implements ModelScorer {
  releases = 0;
  readonly runs: number[] = [];

  constructor(
    private readonly width: number,
    private readonly scoreRow: (row: Float32Array) => number = () => 0.5,
  ) {}

  async score(values: Float32Array, rows: number): Promise<Float32Array> {
    this.runs.push(rows);
    const scores = new Float32Array(rows);
    for (let row = 0; row < rows; row++) {
      scores[row] = this.scoreRow(values.subarray(row * this.width, (row + 1) * this.width));
    }
    return scores;
  }

  async release(): Promise<void> {
    this.releases += 1;
  }
}

export function servingModelFixture(
  version: string,
  options: { threshold?: number; scorer?: ModelScorer; sha256?: string } = {},
): ServingModel {
  return {
    ref: { name: 'card-fraud', version },
    threshold: options.threshold ?? 0.5,
    layout: HANDBOOK_LAYOUT,
    sha256: options.sha256 ?? version.padStart(64, '0'),
    scorer: options.scorer ?? new RecordingScorer(HANDBOOK_LAYOUT.names.length),
  };
}
