import { parseArgs } from 'node:util';
import { PROCESSING_GUARANTEES } from '@rtml/kafka';
import type { ProcessingGuarantee } from '@rtml/kafka';

export const BENCH_USAGE =
  'usage: npm run bench -- [--events N] [--ceiling-events N] [--runs N] [--rates R,R,..|--rate R] ' +
  '[--seconds S] [--stored-sample N] [--guarantees ' +
  PROCESSING_GUARANTEES.join(',') +
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
    guarantees: distinct('guarantees', guaranteesOf(values['guarantees'] ?? '')),
  };
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

function guaranteesOf(text: string): ProcessingGuarantee[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter(
    (name) => !(PROCESSING_GUARANTEES as readonly string[]).includes(name),
  );
  if (unknown.length > 0)
    throw new BenchUsageError(
      `--guarantees takes ${PROCESSING_GUARANTEES.join(', ')}; got ${text}\n${BENCH_USAGE}`,
    );
  return names as ProcessingGuarantee[];
}
