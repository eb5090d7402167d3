import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { AppError } from '@rtml/errors';
import { withoutSdkLogging } from '@rtml/connections';
import { MODEL_TYPES } from '@rtml/model-training';
import type { ModelType } from '@rtml/model-training';
import { S3ModelRegistry, readModelDirectory } from '@rtml/model-registry';
import { formatUtcDay } from '../evaluate/utc-day.calendar';
import { DEFAULT_MIN_EVENTS, DEFAULT_MIN_FRAUDS } from '../registry/registry-args.parser';
import type { PromotionCondition } from '../registry/registry-args.parser';
import { loadRegistryConfig } from '../registry/registry.config';
import { actionsApiOf, getActionsJson } from './actions-api.client';
import type { ActionsApi } from './actions-api.client';
import { compareChallenger, comparisonTable, judgePromotion } from './compare.command';
import { HELD_OUT_DAYS, LABEL_DELAY_DAYS } from './held-out.period';
import { UsageError } from './model-usage.error';
import { runTrain } from './train.command';
import { DEFAULT_MODEL_TYPE } from './tuned-params.catalog';

export const RETRAIN_USAGE =
  'usage: model retrain --name <model> [--train-days 7] [--if-better auc|ap|card-precision]\n' +
  '         [--min-events 1000] [--min-frauds 20] [--model <type>] [--url <actions>] [--bucket <b>]';

const DAY_MS = 86_400_000;
const METRICS = { auc: 'auc', ap: 'ap', 'card-precision': 'cardPrecision' } as const;

export interface RetrainArgs {
  readonly name: string;
  readonly trainDays: number;
  readonly condition: PromotionCondition;
  readonly model: ModelType;
  readonly bucket?: string;
  readonly api: ActionsApi;
}

export function parseRetrainArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): RetrainArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        [
          'name',
          'train-days',
          'if-better',
          'min-events',
          'min-frauds',
          'model',
          'url',
          'bucket',
        ].map((option) => [option, { type: 'string' as const }]),
      ),
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${RETRAIN_USAGE}`);
  }
  const name = values['name'];
  if (name === undefined || name === '')
    throw new UsageError(`retrain needs --name\n${RETRAIN_USAGE}`);
  const integer = (option: string, fallback: number, min: number) => {
    const raw = values[option];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new UsageError(`--${option} takes an integer ≥ ${min}, got ${raw}\n${RETRAIN_USAGE}`);
    return Number(raw);
  };
  const metricFlag = values['if-better'] ?? 'auc';
  const metric = METRICS[metricFlag as keyof typeof METRICS];
  if (metric === undefined)
    throw new UsageError(`--if-better takes auc, ap, card-precision, got ${metricFlag}`);
  const model = values['model'] ?? DEFAULT_MODEL_TYPE;
  if (!(MODEL_TYPES as readonly string[]).includes(model))
    throw new UsageError(`--model must be one of ${MODEL_TYPES.join(', ')}, got "${model}"`);
  return {
    name,
    trainDays: integer('train-days', 7, 1),
    condition: {
      metric,
      minEvents: integer('min-events', DEFAULT_MIN_EVENTS, 0),
      minFrauds: integer('min-frauds', DEFAULT_MIN_FRAUDS, 0),
    },
    model: model as ModelType,
    ...(values['bucket'] === undefined ? {} : { bucket: values['bucket'] }),
    api: actionsApiOf(values['url'], env),
  };
}

/** What one cycle did, for people and for scripts. */
export interface RetrainOutcome {
  /** What happened to the challenger in shadow before this cycle (null: there was none). */
  readonly decided: 'promoted' | 'retired' | 'waiting' | null;
  readonly reason: string | null;
  /** The version trained and set as challenger by this cycle, or null. */
  readonly trained: string | null;
  readonly trainedOn: { readonly from: string; readonly to: string } | null;
}

/**
 * The last training range whose held-out week has matured: its held-out week ends on the last
 * complete matured day (every event of it past the label delay in event time).
 */
export function latestTrainingRange(
  clock: number,
  labelDelayDays: number,
  trainDays: number,
): { from: string; to: string } {
  const lastMaturedDay = Math.floor((clock - labelDelayDays * DAY_MS + 1) / DAY_MS) - 1;
  const toDay = lastMaturedDay - LABEL_DELAY_DAYS - HELD_OUT_DAYS;
  return { from: formatUtcDay(toDay - trainDays + 1), to: formatUtcDay(toDay) };
}

/**
 * `model retrain`: one cycle of the model loop, safe to run on a schedule (the CronJob in
 * k8s/base/retrain). If a challenger is in shadow, it is judged on its matured evidence as
 * `promote --if-better` judges it: promoted with enough events and a significant gain, retired
 * (the alias cleared) with enough events and none, left waiting otherwise; the cycle then ends,
 * since one challenger at a time is shadowed. With no challenger (or once it is decided), a new
 * model is trained from the store on the latest matured range (`train --from-store`, the
 * champion's feature set), published, and set as the challenger.
 */
export async function runRetrain(
  argv: readonly string[],
  out: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RetrainOutcome> {
  const args = parseRetrainArgs(argv, env);
  const config = loadRegistryConfig(args.bucket, env);
  const client = withoutSdkLogging(new S3Client(config.s3));
  const registry = new S3ModelRegistry(client, { bucket: config.bucket });
  try {
    const champion = await registry.resolveAlias(args.name, 'champion');
    const challenger = await registry
      .resolveAlias(args.name, 'challenger')
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
    let decided: RetrainOutcome['decided'] = null;
    let reason: string | null = null;
    if (challenger !== undefined) {
      const version = challenger.pointer.version;
      const report = await compareChallenger(args.api, { name: args.name, challenger: version });
      for (const line of comparisonTable(report)) out(line);
      const verdict = judgePromotion(report, args.condition);
      reason = verdict.reason;
      if (verdict.promote) {
        await registry.promote(args.name, version, 'champion');
        await registry.clearAlias(args.name, 'challenger');
        decided = 'promoted';
        out(`promoted challenger ${version} to champion: ${verdict.reason}`);
      } else if (
        report.comparison.events >= args.condition.minEvents &&
        report.comparison.frauds >= args.condition.minFrauds
      ) {
        await registry.clearAlias(args.name, 'challenger');
        decided = 'retired';
        out(`retired challenger ${version}: ${verdict.reason}`);
      } else {
        out(`challenger ${version} stays in shadow: ${verdict.reason}`);
        return { decided: 'waiting', reason, trained: null, trainedOn: null };
      }
    }
    const featureSet = (await registry.getManifest(args.name, champion.pointer.version)).featureSet;
    const { clock, labelDelayDays } = await getActionsJson<{
      clock: number | null;
      labelDelayDays: number;
    }>(args.api, `/v1/models/${encodeURIComponent(args.name)}/quality`, {});
    if (clock === null) throw new Error('the store holds no prediction yet: nothing to train on');
    const range = latestTrainingRange(clock, labelDelayDays, args.trainDays);
    const work = mkdtempSync(join(tmpdir(), 'rtml-retrain-'));
    try {
      const output = join(work, 'model');
      out(
        `training ${args.model} on the served ${featureSet.name} vectors of ${range.from}…${range.to}`,
      );
      await runTrain(
        {
          command: 'train',
          fromStore: { url: args.api.url },
          features: featureSet.name,
          model: args.model,
          params: {},
          from: range.from,
          to: range.to,
          output,
        },
        out,
      );
      const published = await registry.publish({
        name: args.name,
        ...(await readModelDirectory(output)),
      });
      await registry.promote(args.name, published.version, 'challenger');
      out(`published ${args.name} version ${published.version} and set it as the challenger`);
      return { decided, reason, trained: published.version, trainedOn: range };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  } finally {
    client.destroy();
  }
}
