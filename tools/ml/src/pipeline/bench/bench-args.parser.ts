import { parseArgs } from 'node:util';
import { PROCESSING_GUARANTEES } from '@rtml/kafka';
import type { ProcessingGuarantee } from '@rtml/kafka';
import { CLIENT_MIXES } from './bench-run.types';
import type { BenchSetup, ClientMix } from './bench-run.types';

export const BENCH_USAGE =
  'usage: npm run bench -- [--events N] [--ceiling-events N] [--runs N] [--rates R,R,..|--rate R] ' +
  '[--seconds S] [--stored-sample N] [--guarantees ' +
  PROCESSING_GUARANTEES.join(',') +
  '] [--clients ' +
  CLIENT_MIXES.join(',') +
  ']';

export interface BenchArgs {
  /** Transactions of the flat-out phase. */
  readonly events: number;
  /** Events of each ceiling measurement. */
  readonly ceilingEvents: number;
  /** Rounds: each measures the ceilings once, then every guarantee's phases once. */
  readonly runs: number;
  /** Offered rates of the paced phases, events/s, in the order they run. */
  readonly rates: readonly number[];
  /** How long each paced phase offers its rate. */
  readonly seconds: number;
  /** One transaction in this many has its stored item's arrival timed (1: every one). */
  readonly storedSample: number;
  readonly guarantees: readonly ProcessingGuarantee[];
  /**
   * The services' Kafka clients (`CLIENT_MIXES`): every guarantee runs with each mix, back to
   * back in every round, and each mix after the first is compared with the first.
   */
  readonly clientMixes: readonly ClientMix[];
}

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

/** The bench's options; `--rate R` is `--rates R` (the single rate of earlier versions). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        events: { type: 'string', default: '50000' },
        'ceiling-events': { type: 'string', default: '50000' },
        runs: { type: 'string', default: '3' },
        rates: { type: 'string' },
        rate: { type: 'string' },
        seconds: { type: 'string', default: '30' },
        'stored-sample': { type: 'string', default: '10' },
        guarantees: { type: 'string', default: PROCESSING_GUARANTEES.join(',') },
        clients: { type: 'string', default: CLIENT_MIXES.join(',') },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${BENCH_USAGE}`);
  }
  if (values['rates'] !== undefined && values['rate'] !== undefined)
    throw new BenchUsageError(`--rate is one rate of --rates: give one of them\n${BENCH_USAGE}`);
  const rates = values['rates'] ?? values['rate'] ?? '500,1000,2000';
  return {
    events: positive('events', values['events']),
    ceilingEvents: positive('ceiling-events', values['ceiling-events']),
    runs: positive('runs', values['runs']),
    rates: distinct(
      'rates',
      rates.split(',').map((rate) => positive('rates', rate.trim())),
    ),
    seconds: positive('seconds', values['seconds']),
    storedSample: positive('stored-sample', values['stored-sample']),
    guarantees: distinct('guarantees', namesOf('guarantees', PROCESSING_GUARANTEES, values)),
    clientMixes: distinct('clients', namesOf('clients', CLIENT_MIXES, values)),
  };
}

/**
 * The setups of round `round` (from 1), in the order they run: each guarantee in turn, with
 * each client mix back to back, the mixes' order reversed every other round so neither
 * always runs first (the machine drifts over a run).
 */
export function benchSetups(args: BenchArgs, round: number): BenchSetup[] {
  const clients = round % 2 === 1 ? args.clientMixes : [...args.clientMixes].reverse();
  return args.guarantees.flatMap((guarantee) => clients.map((clients) => ({ guarantee, clients })));
}

function positive(name: string, text: string | undefined): number {
  return positiveOption(name, text, BENCH_USAGE);
}

/** An option's positive integer, or a BenchUsageError naming it and ending with `usage`. */
export function positiveOption(name: string, text: string | undefined, usage: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isSafeInteger(value) || value < 1)
    throw new BenchUsageError(`--${name} takes positive integers; got ${text}\n${usage}`);
  return value;
}

function distinct<T>(name: string, values: readonly T[]): readonly T[] {
  if (new Set(values).size !== values.length)
    throw new BenchUsageError(`--${name} names a value twice\n${BENCH_USAGE}`);
  return values;
}

function namesOf<T extends string>(
  option: string,
  known: readonly T[],
  values: Record<string, string | undefined>,
): T[] {
  const text = values[option] ?? '';
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => !(known as readonly string[]).includes(name)))
    throw new BenchUsageError(`--${option} takes ${known.join(', ')}; got ${text}\n${BENCH_USAGE}`);
  return names as T[];
}
