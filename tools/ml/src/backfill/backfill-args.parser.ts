import { parseArgs } from 'node:util';
import { DEFAULT_FEATURE_SET_NAME } from '@rtml/feature-engine';

export const BACKFILL_USAGE =
  'usage: backfill --input <file.csv|file.csv.gz> --output <features.csv> ' +
  `[--feature-set <name|file.json>] (default ${DEFAULT_FEATURE_SET_NAME})`;

export interface BackfillArgs {
  readonly input: string;
  readonly output: string;
  readonly featureSet: string;
}

/** A command line that cannot be run: the message says what is wrong, then the usage. */
export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}; ${BACKFILL_USAGE}`);
    this.name = 'UsageError';
  }
}

export function parseBackfillArgs(argv: readonly string[]): BackfillArgs {
  let values: { input?: string; output?: string; 'feature-set'?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        'feature-set': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { input, output } = values;
  if (input === undefined || input === '') throw new UsageError('--input is required');
  if (output === undefined || output === '') throw new UsageError('--output is required');
  if (output === input) throw new UsageError('--output must differ from --input');
  return { input, output, featureSet: values['feature-set'] ?? DEFAULT_FEATURE_SET_NAME };
}
