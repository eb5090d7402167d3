import { AppError, describeError } from '@rtml/errors';
import type { AliasPointer, ModelManifest, ModelRegistry } from '@rtml/model-registry';
import type { FeatureLayout } from './feature-layout.model';
import { manifestProblems } from './model-manifest.check';
import type { ModelScorer } from './model-scorer.port';
import type { ServingModel } from './serving-model.model';
import { smokeBatch, smokeProblems } from './smoke-score.check';

export type ScorerFactory = (bytes: Uint8Array, manifest: ModelManifest) => Promise<ModelScorer>;

export interface ModelLoaderOptions {
  readonly registry: ModelRegistry;
  readonly modelName: string;
  /** The feature set this service serves: every model must take exactly these columns. */
  readonly layout: FeatureLayout;
  readonly createScorer: ScorerFactory;
}

/**
 * Loads a version and proves it fit to serve before anyone scores with it: the registry checks
 * the manifest and the bytes' sha256; then the alias's sha256 must be the manifest's, the
 * manifest must take the configured feature set in order, the graph must have the manifest's
 * tensors, and a smoke batch must score finite values in [0, 1]. Anything else is MODEL_INVALID
 * (refused for good); a store that does not answer stays retriable.
 */
export class ModelLoader {
  constructor(private readonly options: ModelLoaderOptions) {}

  async load(pointer: AliasPointer): Promise<ServingModel> {
    const { registry, modelName, layout } = this.options;
    const where = `model ${modelName} version ${pointer.version}`;
    const { manifest, model } = await registry.loadVersion(modelName, pointer.version);
    if (pointer.sha256 !== manifest.modelSha256) {
      throw new AppError(
        'MODEL_INVALID',
        `${where}: the ${pointer.alias} alias was promoted with sha256 ${pointer.sha256}, the manifest now says ${manifest.modelSha256}`,
      );
    }
    refuseIf(where, manifestProblems(manifest, layout));
    const scorer = await this.createScorer(where, model, manifest);
    try {
      await smokeTest(where, scorer, manifest.featureNames.length);
    } catch (error) {
      await scorer.release();
      throw error;
    }
    return {
      ref: { name: manifest.name, version: manifest.version },
      threshold: manifest.threshold.value,
      layout,
      sha256: manifest.modelSha256,
      scorer,
      ...(manifest.reference === undefined ? {} : { reference: manifest.reference }),
    };
  }

  private async createScorer(
    where: string,
    model: Uint8Array,
    manifest: ModelManifest,
  ): Promise<ModelScorer> {
    try {
      return await this.options.createScorer(model, manifest);
    } catch (error) {
      if (error instanceof AppError) {
        throw new AppError(error.code, `${where}: ${error.message}`, {
          cause: error,
          details: error.details,
        });
      }
      throw error;
    }
  }
}

/** Whatever goes wrong scoring the smoke batch is the model's fault: refused, not retried. */
async function smokeTest(where: string, scorer: ModelScorer, width: number): Promise<void> {
  const smoke = smokeBatch(width);
  let scores: Float32Array;
  try {
    scores = await scorer.score(smoke.values, smoke.rows);
  } catch (error) {
    throw new AppError(
      'MODEL_INVALID',
      `${where}: the smoke score failed: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  refuseIf(`${where}: smoke score`, smokeProblems(scores, smoke.rows));
}

function refuseIf(where: string, problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new AppError('MODEL_INVALID', `${where}: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
}
