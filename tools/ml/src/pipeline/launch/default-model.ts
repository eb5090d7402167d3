import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '@rtml/connections';
import { AppError } from '@rtml/errors';
import {
  DEFAULT_MODEL_BUCKET,
  DEFAULT_MODEL_NAME,
  MANIFEST_FILE,
  MODEL_FILE,
  S3ModelRegistry,
  readModelDirectory,
} from '@rtml/model-registry';
import type { ModelDirectory } from '@rtml/model-registry';
import { REFERENCE_DATA, WORKSPACE_ROOT, WORK_DIR } from './workspace.paths';

/** The model the services score with unless MODEL_NAME says otherwise. */

/** The handbook's training week; its held-out week (after the 7-day label delay) picks the threshold. */
const REFERENCE_TRAINING = { from: '2018-07-25', to: '2018-07-31' };
/** Without the reference file: a simulated book-like population, trained on its fifth week. */
const SIMULATED = { customers: 2000, terminals: 4000, days: 70, seed: 42 };
const SIMULATED_TRAINING = { from: '2018-05-01', to: '2018-05-07' };

export type DefaultModelOutcome =
  | { readonly status: 'present'; readonly version: string }
  | { readonly status: 'published'; readonly version: string; readonly trainedOn: string };

/** An S3 client configured as scoring configures its own, from the same variables. */
export function s3ClientFromEnv(env: NodeJS.ProcessEnv = process.env): S3Client {
  const endpoint = env['S3_ENDPOINT'] ?? 'http://127.0.0.1:9000';
  return createS3Client(endpoint, {
    AWS_REGION: env['AWS_REGION'] ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: env['AWS_ACCESS_KEY_ID'],
    AWS_SECRET_ACCESS_KEY: env['AWS_SECRET_ACCESS_KEY'],
  });
}

export function modelRegistryFromEnv(env: NodeJS.ProcessEnv = process.env): S3ModelRegistry {
  return new S3ModelRegistry(s3ClientFromEnv(env), {
    bucket: env['MODEL_BUCKET'] ?? DEFAULT_MODEL_BUCKET,
  });
}

/**
 * Makes sure the model has a champion: when the registry has none, trains the default model
 * (gbdt on the handbook-15 features, the reference data's training week, or simulated data when
 * the reference file is absent), publishes it and promotes it. A champion already there is left
 * alone, whatever it is.
 */
export async function ensureDefaultModel(
  log: (line: string) => void,
  name = process.env['MODEL_NAME'] ?? DEFAULT_MODEL_NAME,
): Promise<DefaultModelOutcome> {
  const registry = modelRegistryFromEnv();
  await registry.ensureBucket();
  const champion = await registry.readAliasIfChanged(name, 'champion');
  if (champion.status === 'changed')
    return { status: 'present', version: champion.pointer.version };

  const { data, period } = trainingData(log);
  const dir = join(WORK_DIR, 'default-model');
  log(
    `no champion for "${name}": training the default model on ${data} (${period.from}…${period.to})`,
  );
  runModelCli(['train', '--data', data, '--from', period.from, '--to', period.to, '--output', dir]);
  const artifacts = await readModelDirectory(dir);
  const published = await registry.publish({ name, ...artifacts });
  await registry.promote(name, published.version, 'champion');
  log(`published ${name} version ${published.version} and promoted it to champion`);
  return { status: 'published', version: published.version, trainedOn: data };
}

/**
 * The default model's artifacts as `ensureDefaultModel` trains them, trained once into
 * `.stack/work/default-model` and read from there afterwards: for tools that seed a bucket of
 * their own (the fault suite) without touching the shared registry.
 */
export async function defaultModelArtifacts(log: (line: string) => void): Promise<ModelDirectory> {
  const dir = join(WORK_DIR, 'default-model');
  if (!existsSync(join(dir, MODEL_FILE)) || !existsSync(join(dir, MANIFEST_FILE))) {
    const { data, period } = trainingData(log);
    log(`training the default model on ${data} (${period.from}…${period.to}) into ${dir}`);
    runModelCli([
      'train',
      '--data',
      data,
      '--from',
      period.from,
      '--to',
      period.to,
      '--output',
      dir,
    ]);
  }
  return readModelDirectory(dir);
}

function trainingData(log: (line: string) => void) {
  if (existsSync(REFERENCE_DATA)) return { data: REFERENCE_DATA, period: REFERENCE_TRAINING };
  const data = join(WORK_DIR, 'simulated-transactions.csv');
  if (!existsSync(data)) {
    log(`${REFERENCE_DATA} not found: simulating training data instead`);
    runTool('tools/ml/src/simulate/simulate.cli.ts', [
      ...Object.entries(SIMULATED).flatMap(([option, value]) => [`--${option}`, String(value)]),
      '--output',
      data,
    ]);
  }
  return { data, period: SIMULATED_TRAINING };
}

function runModelCli(args: readonly string[]): void {
  runTool('tools/ml/src/model/model.cli.ts', args);
}

function runTool(script: string, args: readonly string[]): void {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@rtml/source', '--import', 'tsx', join(WORKSPACE_ROOT, script), ...args],
    { cwd: WORKSPACE_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0)
    throw new AppError(
      'INTERNAL',
      `${script} ${args[0] ?? ''} failed with exit code ${result.status}`,
    );
}
