import type { AppError } from '@rtml/errors';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { ModelRole, ServingModel } from './serving-model.model';

const infoLabels = (role: ModelRole, model: ServingModel) => ({
  role,
  model: model.ref.name,
  version: model.ref.version,
});

/**
 * Says what the serving models became, in the log and in metrics: `rtml_model_info` is 1 for
 * exactly the versions serving (a replaced version's series is removed), and
 * `rtml_model_loads_total` counts loads and refusals by role.
 */
export class ModelChangeReporter {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: PipelineMetrics,
  ) {}

  installed(
    role: ModelRole,
    model: ServingModel,
    previous: ServingModel | undefined,
    loadMs: number,
  ): void {
    this.metrics.modelLoads.inc({ role, outcome: 'loaded' });
    if (previous !== undefined) this.metrics.modelInfo.remove(infoLabels(role, previous));
    this.metrics.modelInfo.set(infoLabels(role, model), 1);
    this.logger.info(
      {
        role,
        model: model.ref.name,
        version: model.ref.version,
        previousVersion: previous?.ref.version ?? null,
        sha256: model.sha256,
        loadMs: Math.round(loadMs),
      },
      `${role} is now version ${model.ref.version}`,
    );
  }

  refused(
    role: ModelRole,
    model: string,
    version: string,
    error: AppError,
    serving: ServingModel | undefined,
  ): void {
    this.metrics.modelLoads.inc({ role, outcome: 'refused' });
    const kept = serving === undefined ? 'nothing' : `version ${serving.ref.version}`;
    this.logger.error(
      {
        role,
        model,
        version,
        serving: serving?.ref.version ?? null,
        code: error.code,
        reason: error.message,
      },
      `${role} version ${version} refused; ${kept} keeps serving`,
    );
  }

  removed(role: ModelRole, model: ServingModel): void {
    this.metrics.modelInfo.remove(infoLabels(role, model));
    this.logger.info(
      { role, model: model.ref.name, version: model.ref.version },
      `${role} cleared: shadow scoring of version ${model.ref.version} stopped`,
    );
  }
}
