import type { Prediction } from '@rtml/contracts';
import type { Fault } from './fault.types';

/**
 * A new champion is promoted while S3 is unreachable for scoring: scoring must keep scoring with
 * the model it has, and switch to the new one once S3 answers, with no event lost or scored twice.
 */
export const s3PromotionFault: Fault = {
  name: 's3-down-promotion',
  injects:
    'S3 unreachable for scoring (the proxy refuses) while a new champion version is promoted',
  async inject(run) {
    const { models, modelArtifacts, modelName, proxies } = run.rig;
    await proxies.s3.setMode('refuse');
    run.mark('S3 cut');
    const published = await models.publish({ name: modelName, ...modelArtifacts });
    await models.promote(modelName, published.version, 'champion');
    run.mark(`version ${published.version} promoted to champion while scoring cannot reach S3`);
    await new Promise((resolve) => setTimeout(resolve, run.windows.s3DownMs));
    await proxies.s3.setMode('pass');
    run.mark(`S3 back after ${run.windows.s3DownMs / 1000} s`);
    run.healed();
    return async () => {
      const served = [...run.ledger.recorders.predictions.records()].some(
        (record) => (record.value as Prediction | undefined)?.model?.version === published.version,
      );
      return served
        ? []
        : [`scoring never served the promoted version ${published.version} after S3 came back`];
    };
  },
};
