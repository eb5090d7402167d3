import { Inject, Injectable, Module } from '@nestjs/common';
import type {
  DynamicModule,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { S3Client } from '@aws-sdk/client-s3';
import { findBuiltinFeatureSet } from '@rtml/feature-engine';
import { S3ModelRegistry } from '@rtml/model-registry';
import type { ModelRegistry } from '@rtml/model-registry';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER, ReadinessRegistry } from '@rtml/service-runtime';
import type { ScoringConfig } from '../scoring.config';
import { featureLayout } from './feature-layout.model';
import { ModelChangeReporter } from './model-change.reporter';
import { ModelLoader } from './model.loader';
import { ModelWatcher } from './model.watcher';
import { OnnxModelScorer } from './onnx-model.scorer';
import { ServingModels } from './serving-models.holder';

const MODEL_REGISTRY = Symbol('rtml.scoring.model-registry');

/**
 * Ready means a champion serves. Polling starts once the app is up (HTTP answers "not ready" with
 * the reason meanwhile) and stops before the consumer leaves; sessions are released last, after
 * the consumer has finished its final batch.
 */
@Injectable()
class ModelServingLifecycle
  implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  constructor(
    @Inject(ModelWatcher) private readonly watcher: ModelWatcher,
    @Inject(ServingModels) private readonly models: ServingModels,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.add('model', async () => {
      const unready = this.watcher.unready;
      if (unready !== undefined) throw new Error(`no champion model serves: ${unready}`);
    });
  }

  onApplicationBootstrap(): void {
    this.watcher.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.watcher.stop();
  }

  onApplicationShutdown(): Promise<void> {
    return this.models.close();
  }
}

/** The champion and challenger from the S3 model registry, verified, watched and swapped live. */
@Module({})
export class ModelServingModule {
  static forRoot(config: Readonly<ScoringConfig>): DynamicModule {
    const featureSet = findBuiltinFeatureSet(config.FEATURE_SET);
    if (featureSet === undefined) throw new Error(`unknown feature set ${config.FEATURE_SET}`);
    const layout = featureLayout(
      featureSet,
      featureSet.features.map((feature) => feature.name),
    );
    return {
      module: ModelServingModule,
      providers: [
        {
          provide: MODEL_REGISTRY,
          inject: [S3Client],
          useFactory: (s3: S3Client) => new S3ModelRegistry(s3, { bucket: config.MODEL_BUCKET }),
        },
        {
          provide: ServingModels,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            new ServingModels((model, error) =>
              logger.warn({ err: error, ...model.ref }, 'releasing a retired model failed'),
            ),
        },
        {
          provide: ModelWatcher,
          inject: [MODEL_REGISTRY, ServingModels, LOGGER, PipelineMetrics],
          useFactory: (
            registry: ModelRegistry,
            models: ServingModels,
            logger: Logger,
            metrics: PipelineMetrics,
          ) =>
            new ModelWatcher({
              registry,
              loader: new ModelLoader({
                registry,
                modelName: config.MODEL_NAME,
                layout,
                createScorer: (bytes, manifest) =>
                  OnnxModelScorer.create(bytes, manifest, {
                    threads: config.ONNX_THREADS,
                    spinning: config.ONNX_SPINNING,
                  }),
              }),
              models,
              modelName: config.MODEL_NAME,
              bucket: config.MODEL_BUCKET,
              pollMs: config.MODEL_POLL_MS,
              logger,
              reporter: new ModelChangeReporter(logger, metrics),
            }),
        },
        ModelServingLifecycle,
      ],
      exports: [ServingModels],
    };
  }
}
