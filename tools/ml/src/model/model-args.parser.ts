import { parseArgs } from 'node:util';
import { MODEL_TYPES } from '@rtml/model-training';
import type { ModelType } from '@rtml/model-training';
import { PROTOCOL_NAMES } from '../evaluate/protocol.catalog';
import type { ProtocolName } from '../evaluate/protocol.catalog';
import { DEFAULT_FEATURES } from './feature-set.catalog';
import { UsageError } from './model-usage.error';
import { DEFAULT_MODEL_TYPE } from './tuned-params.catalog';

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

export interface TrainArgs extends Omit<CommonArgs, 'data'> {
  readonly command: 'train';
  /** The reference-format CSV to backfill features from; absent with `fromStore`. */
  readonly data?: string;
  /**
   * `--from-store`: train on the feature vectors the pipeline served and their matured labels,
   * read from the actions API (`url`: `--url`, else ACTIONS_URL), instead of a backfill.
   */
  readonly fromStore?: { readonly url?: string };
  readonly from: string;
  readonly to: string;
  readonly output: string;
}

/** `export`: the labelled feature rows of [from, to] to one CSV. */
export interface ExportArgs {
  readonly command: 'export';
  readonly data: string;
  readonly features: string;
  readonly from: string;
  readonly to: string;
  readonly output: string;
}

/** `import`: an ONNX model trained elsewhere, checked and given a manifest. */
export interface ImportArgs {
  readonly command: 'import';
  readonly onnx: string;
  readonly features: string;
  readonly output: string;
  /** The data and the range the model was trained on: it is measured on the week held out after. */
  readonly trainedOn?: { readonly data: string; readonly from: string; readonly to: string };
  /** Alert when score ≥ this; without it, the best F1 on the held-out week. */
  readonly threshold?: number;
  /** The output to serve, when more than one could be the score. */
  readonly scoreOutput?: string;
}

export type ModelArgs = EvaluateArgs | TrainArgs | ExportArgs | ImportArgs;

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
  onnx: { type: 'string' },
  threshold: { type: 'string' },
  'score-output': { type: 'string' },
  url: { type: 'string' },
  'from-store': { type: 'boolean' },
} as const;

type OptionValues = Partial<Record<Exclude<keyof typeof OPTIONS, 'from-store'>, string>> & {
  readonly 'from-store'?: boolean;
};

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  evaluate: ['protocol', 'data', 'features', 'model', 'params', 'seed', 'scores-out'],
  train: [
    'data',
    'from-store',
    'url',
    'from',
    'to',
    'output',
    'features',
    'model',
    'params',
    'seed',
  ],
  export: ['data', 'from', 'to', 'output', 'features'],
  import: ['onnx', 'output', 'features', 'data', 'from', 'to', 'threshold', 'score-output'],
};

export function parseModelArgs(argv: readonly string[]): ModelArgs {
  const [command, ...rest] = argv;
  const values = parseOptions(command, rest);
  if (command === 'export') return parseExportArgs(values);
  if (command === 'import') return parseImportArgs(values);
  if (command === 'train') return parseTrainArgs(values);
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
  throw new UsageError(`unknown command ${JSON.stringify(command)}`);
}

function parseTrainArgs(values: OptionValues): TrainArgs {
  const fromStore = values['from-store'] === true;
  if (fromStore && values.data !== undefined)
    throw new UsageError('--data and --from-store are two sources: give one');
  if (!fromStore && values.url !== undefined)
    throw new UsageError('--url goes with --from-store (the actions API to read from)');
  return {
    command: 'train',
    ...(fromStore
      ? { fromStore: values.url === undefined ? {} : { url: values.url } }
      : { data: required(values.data, '--data or --from-store') }),
    features: values.features ?? DEFAULT_FEATURES,
    model: parseModelType(values.model ?? DEFAULT_MODEL_TYPE),
    params: parseParams(values.params, values.seed),
    from: required(values.from, '--from'),
    to: required(values.to, '--to'),
    output: required(values.output, '--output'),
  };
}

function parseExportArgs(values: OptionValues): ExportArgs {
  return {
    command: 'export',
    data: required(values.data, '--data'),
    features: values.features ?? DEFAULT_FEATURES,
    from: required(values.from, '--from'),
    to: required(values.to, '--to'),
    output: required(values.output, '--output'),
  };
}

function parseImportArgs(values: OptionValues): ImportArgs {
  const { data, from, to } = values;
  const trainedOn =
    data !== undefined && from !== undefined && to !== undefined ? { data, from, to } : undefined;
  if (trainedOn === undefined && (data ?? from ?? to) !== undefined) {
    throw new UsageError('--data, --from and --to go together (the data and range trained on)');
  }
  const threshold = values.threshold === undefined ? undefined : parseThreshold(values.threshold);
  if (trainedOn === undefined && threshold === undefined) {
    throw new UsageError('--threshold is required without --data (nothing to choose it on)');
  }
  const scoreOutput = values['score-output'];
  return {
    command: 'import',
    onnx: required(values.onnx, '--onnx'),
    features: values.features ?? DEFAULT_FEATURES,
    output: required(values.output, '--output'),
    ...(trainedOn === undefined ? {} : { trainedOn }),
    ...(threshold === undefined ? {} : { threshold }),
    ...(scoreOutput === undefined ? {} : { scoreOutput }),
  };
}

function parseThreshold(value: string): number {
  const threshold = Number(value);
  if (value.trim() === '' || !(threshold >= 0 && threshold <= 1)) {
    throw new UsageError(`--threshold must be a number from 0 to 1, got "${value}"`);
  }
  // The scorer compares float32 scores with it: keep the value it will really compare with.
  return Math.fround(threshold);
}

/** The options of a known command, refusing options that belong to another command. */
function parseOptions(command: string | undefined, rest: readonly string[]): OptionValues {
  const allowed = command === undefined ? undefined : COMMAND_OPTIONS[command];
  if (allowed === undefined)
    throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  let values: OptionValues;
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
