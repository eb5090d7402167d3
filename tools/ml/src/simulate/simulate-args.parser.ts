import { parseArgs } from 'node:util';
import { SimulateUsageError } from './simulate-usage.error';
import type { SimulationParams } from './simulation.model';

export interface SimulateArgs extends SimulationParams {
  readonly output: string;
  /** `YYYY-MM-DD`, a real calendar date: day 0 of the run, from midnight UTC. */
  readonly startDate: string;
}

const DEFAULT_START_DATE = '2018-04-01';
const DEFAULT_RADIUS = '5';
const MAX_SEED = 4_294_967_295;
/** Far beyond any useful run; keeps ids, keys and day arithmetic in safe integers. */
const MAX_COUNT = 100_000_000;

export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const values = readOptions(argv);
  // Checked in the usage's order, so the first complaint is about the first wrong option.
  const customers = integerOption('customers', values.customers, 1, MAX_COUNT);
  const terminals = integerOption('terminals', values.terminals, 1, MAX_COUNT);
  const days = integerOption('days', values.days, 1, MAX_COUNT);
  const seed = integerOption('seed', values.seed, 0, MAX_SEED);
  const output = values.output;
  if (output === undefined || output === '') throw new SimulateUsageError('--output is required');
  const startDate = values['start-date'] ?? DEFAULT_START_DATE;
  if (!isCalendarDate(startDate)) {
    throw new SimulateUsageError(`--start-date must be a date YYYY-MM-DD, got "${startDate}"`);
  }
  const radius = radiusOption(values.radius ?? DEFAULT_RADIUS);
  return { customers, terminals, days, seed, radius, startDate, output };
}

type RawOptions = Partial<Record<'customers' | 'terminals' | 'days' | 'seed' | 'output', string>> &
  Partial<Record<'start-date' | 'radius', string>>;

function readOptions(argv: readonly string[]): RawOptions {
  const names = ['customers', 'terminals', 'days', 'seed', 'output', 'start-date', 'radius'];
  try {
    return parseArgs({
      args: [...argv],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values as RawOptions;
  } catch (error) {
    throw new SimulateUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Plain decimal digits only: Number() would also take "1e3", "0x10" and " 7". */
function integerOption(name: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined) throw new SimulateUsageError(`--${name} is required`);
  const value = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new SimulateUsageError(
      `--${name} must be an integer from ${min} to ${max}, got "${text}"`,
    );
  }
  return value;
}

function radiusOption(text: string): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0 && Number.isFinite(value))) {
    throw new SimulateUsageError(`--radius must be a positive number, got "${text}"`);
  }
  return value;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const millis = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(millis) && new Date(millis).toISOString().startsWith(text);
}
