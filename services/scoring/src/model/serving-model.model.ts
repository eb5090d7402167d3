import type { ManifestReference, ModelRef } from '@rtml/contracts';
import type { ModelAlias } from '@rtml/model-registry';
import type { FeatureLayout } from './feature-layout.model';
import type { ModelScorer } from './model-scorer.port';

/** The roles a model plays: the champion decides, the challenger is scored in shadow. */
export type ModelRole = ModelAlias;

/** A verified model, ready to score: everything a prediction needs to name what produced it. */
export interface ServingModel {
  readonly ref: ModelRef;
  /** Alert when score ≥ threshold (the manifest's value). */
  readonly threshold: number;
  readonly layout: FeatureLayout;
  readonly sha256: string;
  readonly scorer: ModelScorer;
  /** The manifest's reference distributions, which drift is measured against; absent in older models. */
  readonly reference?: ManifestReference;
}

export const describeModel = (model: ServingModel): string =>
  `model ${model.ref.name} version ${model.ref.version}`;
