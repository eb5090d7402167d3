import { parseArgs } from 'node:util';
import type { ComparedMetric } from '@rtml/model-training';
import { isModelAlias } from '@rtml/model-registry';
import type { ModelAlias } from '@rtml/model-registry';
import { RegistryUsageError } from './registry-usage.error';

interface Common {
  readonly name: string;
  /** Undefined: $MODEL_BUCKET or the default. */
  readonly bucket: string | undefined;
}

export type RegistryCommand =
  | (Common & { readonly command: 'publish'; readonly dir: string; readonly version?: string })
  | (Common & {
      readonly command: 'promote';
      /** With `ifBetter`: undefined means the current challenger. */
      readonly version: string | undefined;
      readonly alias: ModelAlias;
      readonly ifBetter?: PromotionCondition;
    })
  | (Common & { readonly command: 'clear'; readonly alias: 'challenger' })
  | (Common & { readonly command: 'list' })
  | (Common & { readonly command: 'show'; readonly target: ShowTarget })
  | { readonly command: 'help' };

/** `promote --if-better <metric>`: promote to champion only on matured evidence of a gain. */
export interface PromotionCondition {
  readonly metric: ComparedMetric;
  readonly minEvents: number;
  readonly minFrauds: number;
  /** The evidence's event-time range (the actions API's defaults when absent). */
  readonly from?: string;
  readonly to?: string;
  /** The actions API (`--url`, else ACTIONS_URL). */
  readonly url?: string;
}

/** What `--if-better` takes, as people write it. */
const METRIC_FLAGS: Record<string, ComparedMetric> = {
  auc: 'auc',
  ap: 'ap',
  'card-precision': 'cardPrecision',
};
export const DEFAULT_MIN_EVENTS = 1_000;
export const DEFAULT_MIN_FRAUDS = 20;

export type ShowTarget =
  | { readonly version: string; readonly alias?: undefined }
  | { readonly alias: ModelAlias; readonly version?: undefined };

export const REGISTRY_COMMANDS = ['publish', 'promote', 'clear', 'demote', 'list', 'show'] as const;

const OPTIONS = [
  'name',
  'dir',
  'version',
  'alias',
  'bucket',
  'if-better',
  'min-events',
  'min-frauds',
  'from',
  'to',
  'url',
] as const;
type Options = Partial<Record<(typeof OPTIONS)[number], string>> & { help?: boolean };

/** Allowed options per command; anything else is refused rather than silently ignored. */
const ALLOWED: Record<string, readonly string[]> = {
  publish: ['name', 'dir', 'version', 'bucket'],
  promote: [
    'name',
    'version',
    'alias',
    'bucket',
    'if-better',
    'min-events',
    'min-frauds',
    'from',
    'to',
    'url',
  ],
  clear: ['name', 'alias', 'bucket'],
  list: ['name', 'bucket'],
  show: ['name', 'version', 'alias', 'bucket'],
};

export function parseRegistryArgs(argv: readonly string[]): RegistryCommand {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h') return { command: 'help' };
  const command = verb === 'demote' ? 'clear' : verb;
  const allowed = ALLOWED[command];
  if (allowed === undefined) {
    throw new RegistryUsageError(
      `unknown command "${verb}"; use one of ${REGISTRY_COMMANDS.join(', ')}`,
    );
  }
  const options = readOptions(rest);
  if (options.help) return { command: 'help' };
  const extra = OPTIONS.filter((o) => options[o] !== undefined && !allowed.includes(o));
  if (extra.length > 0)
    throw new RegistryUsageError(`${verb} does not take --${extra.join(', --')}`);
  const common: Common = { name: required(options, 'name'), bucket: options.bucket };
  switch (command) {
    case 'publish':
      return { command, ...common, dir: required(options, 'dir'), ...optionalVersion(options) };
    case 'promote':
      return promoteCommand(common, options);
    case 'clear':
      return { command, ...common, alias: challengerOnly(required(options, 'alias')) };
    case 'list':
      return { command, ...common };
    default:
      return { command: 'show', ...common, target: showTarget(options) };
  }
}

function promoteCommand(common: Common, options: Options): RegistryCommand {
  const gateFlags = ['min-events', 'min-frauds', 'from', 'to', 'url'] as const;
  if (options['if-better'] === undefined) {
    const stray = gateFlags.filter((flag) => options[flag] !== undefined);
    if (stray.length > 0)
      throw new RegistryUsageError(`--${stray.join(', --')} only go with --if-better`);
    return {
      command: 'promote',
      ...common,
      version: required(options, 'version'),
      alias: alias(options.alias ?? 'champion'),
    };
  }
  const metric = METRIC_FLAGS[options['if-better']];
  if (metric === undefined)
    throw new RegistryUsageError(
      `--if-better takes ${Object.keys(METRIC_FLAGS).join(', ')}, got "${options['if-better']}"`,
    );
  if (options.alias !== undefined && options.alias !== 'champion')
    throw new RegistryUsageError('--if-better promotes to champion only');
  const count = (flag: 'min-events' | 'min-frauds', fallback: number) => {
    const raw = options[flag];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw))
      throw new RegistryUsageError(`--${flag} takes an integer, got "${raw}"`);
    return Number(raw);
  };
  return {
    command: 'promote',
    ...common,
    version: options.version === undefined ? undefined : required(options, 'version'),
    alias: 'champion',
    ifBetter: {
      metric,
      minEvents: count('min-events', DEFAULT_MIN_EVENTS),
      minFrauds: count('min-frauds', DEFAULT_MIN_FRAUDS),
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      ...(options.url === undefined ? {} : { url: options.url }),
    },
  };
}

function readOptions(argv: readonly string[]): Options {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(OPTIONS.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values as Options;
  } catch (error) {
    throw new RegistryUsageError(error instanceof Error ? error.message : String(error));
  }
}

function required(options: Options, name: (typeof OPTIONS)[number]): string {
  const value = options[name];
  if (value === undefined || value === '') throw new RegistryUsageError(`--${name} is required`);
  return value;
}

const optionalVersion = (options: Options): { version?: string } =>
  options.version === undefined ? {} : { version: required(options, 'version') };

function alias(value: string): ModelAlias {
  if (!isModelAlias(value)) {
    throw new RegistryUsageError(`--alias must be champion or challenger, got "${value}"`);
  }
  return value;
}

function challengerOnly(value: string): 'challenger' {
  if (alias(value) !== 'challenger') {
    throw new RegistryUsageError(
      'only the challenger can be cleared; promote another champion instead',
    );
  }
  return 'challenger';
}

/** Default: the champion, i.e. what scoring serves. */
function showTarget(options: Options): ShowTarget {
  if (options.version !== undefined && options.alias !== undefined) {
    throw new RegistryUsageError('show takes --version or --alias, not both');
  }
  return options.version !== undefined
    ? { version: required(options, 'version') }
    : { alias: alias(options.alias ?? 'champion') };
}
