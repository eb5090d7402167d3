import { parseArgs } from 'node:util';

export class PipelineUsageError extends Error {
  override readonly name = 'PipelineUsageError';
}

export type Via = 'http' | 'kafka';

export interface DemoArgs {
  readonly events: number;
  readonly via: Via;
  readonly rate: number;
  readonly seed: number;
}

export interface ReplayArgs {
  readonly input: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly via: Via;
  readonly rate: number;
}

export const DEMO_USAGE =
  'usage: npm run demo -- --events N [--via http|kafka] [--rate events/s] [--seed S]';
export const REPLAY_USAGE =
  'usage: npm run replay -- --input <csv|csv.gz> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rate events/s] [--via kafka|http]';

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const { values } = read(argv, ['events', 'via', 'rate', 'seed'], DEMO_USAGE);
  return {
    events: positiveInteger(values['events'] ?? '5000', '--events'),
    via: via(values['via'] ?? 'http'),
    rate: rate(values['rate']),
    seed: nonNegativeInteger(values['seed'] ?? '7', '--seed'),
  };
}

export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const { values } = read(argv, ['input', 'from', 'to', 'via', 'rate'], REPLAY_USAGE);
  const input = values['input'];
  if (input === undefined) throw new PipelineUsageError(`--input is required\n${REPLAY_USAGE}`);
  const from = date(values['from'], '--from');
  const to = date(values['to'], '--to');
  if (from !== undefined && to !== undefined && to < from)
    throw new PipelineUsageError(`--to ${to} is before --from ${from}`);
  return { input, from, to, via: via(values['via'] ?? 'kafka'), rate: rate(values['rate']) };
}

function read(argv: readonly string[], names: readonly string[], usage: string) {
  try {
    return parseArgs({
      args: [...argv],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
    }) as { values: Record<string, string | undefined> };
  } catch (error) {
    throw new PipelineUsageError(`${(error as Error).message}\n${usage}`);
  }
}

function via(value: string): Via {
  if (value === 'http' || value === 'kafka') return value;
  throw new PipelineUsageError(`--via must be http or kafka, got "${value}"`);
}

function rate(value: string | undefined): number {
  return value === undefined ? 0 : nonNegativeInteger(value, '--rate');
}

function date(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new PipelineUsageError(`${option} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

function positiveInteger(value: string, option: string): number {
  const parsed = nonNegativeInteger(value, option);
  if (parsed === 0) throw new PipelineUsageError(`${option} must be at least 1`);
  return parsed;
}

function nonNegativeInteger(value: string, option: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new PipelineUsageError(`${option} must be a non-negative integer, got "${value}"`);
  return Number(value);
}
