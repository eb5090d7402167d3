import { parseArgs } from 'node:util';
import { MODEL_TYPES } from '@rtml/model-training';
import type { ModelType } from '@rtml/model-training';
import { PROTOCOL_NAMES } from '../evaluate/protocol.catalog';
import type { ProtocolName } from '../evaluate/protocol.catalog';
import { DEFAULT_FEATURES } from './feature-set.catalog';
import { DEFAULT_MODEL_TYPE } from './tuned-params.catalog';

export const MODEL_USAGE = [
  'usage: model evaluate --protocol <' + PROTOCOL_NAMES.join('|') + '> --data <csv|csv.gz>',
  '         [--features <name|file.json>] [--model ' +
    MODEL_TYPES.join('|') +
    '] [--params <json>] [--seed <n>]',
  '         [--scores-out <csv>]',
  '       model train --data <csv|csv.gz> --from YYYY-MM-DD --to YYYY-MM-DD --output <dir>',
  '         [--features <name|file.json>] [--model ' +
    MODEL_TYPES.join('|') +
    '] [--params <json>] [--seed <n>]',
  '       model publish|promote|demote|list|show ...   (the S3 model registry; `model list --help`)',
].join('\n');

/** A command line that cannot be run: the message says what is wrong, then the usage. */
export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${MODEL_USAGE}`);
    this.name = 'UsageError';
  }
}

interface CommonArgs {
  readonly data: string;
  readonly features: string;
  readonly model: ModelType;
  /** `--params` parsed as JSON, validated later by the model type's own parser. */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface EvaluateArgs extends CommonArgs {
  readonly command: 'evaluate';
  readonly protocol: ProtocolName;
  readonly scoresOut?: string;
}

export interface TrainArgs extends CommonArgs {
  readonly command: 'train';
  readonly from: string;
  readonly to: string;
  readonly output: string;
}

const OPTIONS = {
  protocol: { type: 'string' },
  data: { type: 'string' },
  features: { type: 'string' },
  model: { type: 'string' },
  params: { type: 'string' },
  seed: { type: 'string' },
  'scores-out': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  output: { type: 'string' },
} as const;

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  evaluate: ['protocol', 'data', 'features', 'model', 'params', 'seed', 'scores-out'],
  train: ['data', 'from', 'to', 'output', 'features', 'model', 'params', 'seed'],
};

export function parseModelArgs(argv: readonly string[]): EvaluateArgs | TrainArgs {
  const [command, ...rest] = argv;
  const values = parseOptions(command, rest);
  const common: CommonArgs = {
    data: required(values.data, '--data'),
    features: values.features ?? DEFAULT_FEATURES,
    model: parseModelType(values.model ?? DEFAULT_MODEL_TYPE),
    params: parseParams(values.params, values.seed),
  };
  if (command === 'evaluate') {
    const protocol = values.protocol ?? '';
    if (!(PROTOCOL_NAMES as readonly string[]).includes(protocol)) {
      throw new UsageError(
        `--protocol must be one of ${PROTOCOL_NAMES.join(', ')}, got "${protocol}"`,
      );
    }
    const scoresOut = values['scores-out'];
    return {
      command,
      protocol: protocol as ProtocolName,
      ...common,
      ...(scoresOut ? { scoresOut } : {}),
    };
  }
  return {
    command: 'train',
    ...common,
    from: required(values.from, '--from'),
    to: required(values.to, '--to'),
    output: required(values.output, '--output'),
  };
}

/** The options of a known command, refusing options that belong to the other command. */
function parseOptions(
  command: string | undefined,
  rest: readonly string[],
): Partial<Record<keyof typeof OPTIONS, string>> {
  const allowed = command === undefined ? undefined : COMMAND_OPTIONS[command];
  if (allowed === undefined)
    throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  let values: Partial<Record<keyof typeof OPTIONS, string>>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) throw new UsageError(`--${key} is not an option of ${command}`);
  }
  return values;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`${name} is required`);
  return value;
}

function parseModelType(value: string): ModelType {
  if (!(MODEL_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(`--model must be one of ${MODEL_TYPES.join(', ')}, got "${value}"`);
  }
  return value as ModelType;
}

/** `--params` JSON (an object), with `--seed` folded in as the `seed` parameter. */
function parseParams(json: string | undefined, seed: string | undefined): Record<string, unknown> {
  let params: unknown = {};
  if (json !== undefined) {
    try {
      params = JSON.parse(json);
    } catch {
      throw new UsageError(`--params is not valid JSON: ${json}`);
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new UsageError(`--params must be a JSON object, got ${json}`);
    }
  }
  if (seed === undefined) return params as Record<string, unknown>;
  if (!/^\d+$/.test(seed))
    throw new UsageError(`--seed must be a non-negative integer, got "${seed}"`);
  return { ...(params as Record<string, unknown>), seed: Number(seed) };
}
