import { parseArgs } from 'node:util';
import { PROCESSING_GUARANTEES } from '@rtml/kafka';
import type { ProcessingGuarantee } from '@rtml/kafka';
import { FAULT_GROUPS, FAULT_NAMES, isFaultName } from './faults/fault.names';
import type { FaultName } from './faults/fault.names';

export const CHAOS_USAGE = [
  'usage: npm run chaos -- [--faults a,b,...] [--short] [--events N] [--rate events/s] [--seed S]',
  '                        [--guarantee exactly_once_v2|at_least_once] [--services-root DIR] [--list]',
  `faults: ${FAULT_NAMES.join(', ')}`,
  `groups: ${Object.keys(FAULT_GROUPS).join(', ')}`,
].join('\n');

export class ChaosUsageError extends Error {
  override readonly name = 'ChaosUsageError';
}

/** How long each fault lasts and how long the suite waits for the pipeline, in milliseconds. */
export interface FaultWindows {
  /** The registry proxy refuses connections this long while the new schema id is in use. */
  readonly registryDownMs: number;
  /** The DynamoDB proxy holds every byte this long (what SIGSTOP looks like to a client). */
  readonly dynamodbFreezeMs: number;
  /** The S3 proxy refuses connections this long around the promotion. */
  readonly s3DownMs: number;
  /** The webhook accepts and never answers this long, from the start of the stream. */
  readonly webhookHangMs: number;
  /** A stream checkpoint gives up when no outcome arrives for this long. */
  readonly stallMs: number;
  /** From the heal, the longest the pipeline may take to be caught up again. */
  readonly recoverBoundMs: number;
  /** From the end of the stream, the longest until zero lag and every outcome in. */
  readonly settleBoundMs: number;
}

export interface ChaosArgs {
  readonly faults: readonly FaultName[];
  /** Transactions streamed per fault (their labels go with them). */
  readonly events: number;
  /** Events offered per second, HTTP and Kafka together. */
  readonly rate: number;
  readonly seed: number;
  /** PROCESSING_GUARANTEE for the services. */
  readonly guarantee: ProcessingGuarantee;
  readonly short: boolean;
  readonly windows: FaultWindows;
  /**
   * A checkout whose services are built (services/<name>/dist) to run instead of this
   * workspace's, which are then not built: to test another revision. Undefined: this workspace.
   */
  readonly servicesRoot: string | undefined;
  /** Print the faults and exit. */
  readonly list: boolean;
}

const FULL = {
  events: 3_000,
  rate: 200,
  windows: {
    registryDownMs: 20_000,
    dynamodbFreezeMs: 30_000,
    s3DownMs: 20_000,
    webhookHangMs: 60_000,
    stallMs: 120_000,
    recoverBoundMs: 120_000,
    settleBoundMs: 180_000,
  },
};

/** CI's size: the same faults, fewer events, shorter outages and bounds. */
const SHORT = {
  events: 600,
  rate: 150,
  windows: {
    registryDownMs: 12_000,
    dynamodbFreezeMs: 15_000,
    s3DownMs: 10_000,
    webhookHangMs: 30_000,
    stallMs: 45_000,
    recoverBoundMs: 60_000,
    settleBoundMs: 60_000,
  },
};

export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        faults: { type: 'string' },
        short: { type: 'boolean', default: false },
        events: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string', default: '5' },
        guarantee: { type: 'string', default: 'exactly_once_v2' },
        'services-root': { type: 'string' },
        list: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ChaosUsageError(`${(error as Error).message}\n${CHAOS_USAGE}`);
  }
  const short = values['short'] === true;
  const preset = short ? SHORT : FULL;
  const guarantee = String(values['guarantee']);
  if (!(PROCESSING_GUARANTEES as readonly string[]).includes(guarantee))
    throw new ChaosUsageError(`--guarantee must be ${PROCESSING_GUARANTEES.join(' or ')}`);
  return {
    faults: faultList(values['faults']),
    events: integer(values['events'], preset.events, '--events', 100),
    rate: integer(values['rate'], preset.rate, '--rate', 1),
    seed: integer(values['seed'], 5, '--seed', 0),
    guarantee: guarantee as ProcessingGuarantee,
    short,
    windows: preset.windows,
    servicesRoot:
      values['services-root'] === undefined ? undefined : String(values['services-root']),
    list: values['list'] === true,
  };
}

/** Names and groups, comma-separated, in the catalog's order, each once. */
function faultList(value: string | boolean | undefined): FaultName[] {
  if (value === undefined) return [...FAULT_NAMES];
  const chosen = new Set<FaultName>();
  for (const part of String(value).split(',')) {
    const name = part.trim();
    if (name === '') continue;
    const group = FAULT_GROUPS[name];
    if (group !== undefined) for (const member of group) chosen.add(member);
    else if (isFaultName(name)) chosen.add(name);
    else throw new ChaosUsageError(`unknown fault "${name}"\n${CHAOS_USAGE}`);
  }
  if (chosen.size === 0) throw new ChaosUsageError(`--faults names no fault\n${CHAOS_USAGE}`);
  return FAULT_NAMES.filter((name) => chosen.has(name));
}

function integer(
  value: string | boolean | undefined,
  fallback: number,
  option: string,
  min: number,
): number {
  if (value === undefined) return fallback;
  const text = String(value);
  const parsed = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(parsed) || parsed < min)
    throw new ChaosUsageError(`${option} must be an integer of at least ${min}, got "${text}"`);
  return parsed;
}
