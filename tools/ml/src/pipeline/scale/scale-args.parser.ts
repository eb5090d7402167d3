import { parseArgs } from 'node:util';

export const SCALE_USAGE =
  'usage: npm run scale-test -- [--events-per-step N] [--seed S] [--stall-timeout-s S] [--keep-features]';

export interface ScaleArgs {
  /** Transactions streamed in each of the four steps (1, 2, 3 replicas, then chaos). */
  readonly eventsPerStep: number;
  /** Simulation seed of the one data set whose consecutive slices the steps stream. */
  readonly seed: number;
  /** A step fails when no outcome arrives for this long (a SIGKILL costs a session timeout). */
  readonly stallTimeoutMs: number;
  /** The chaos step SIGKILLs a features replica too, unless --keep-features. */
  readonly killFeatures: boolean;
}

export class ScaleUsageError extends Error {
  override readonly name = 'ScaleUsageError';
}

export function parseScaleArgs(argv: readonly string[]): ScaleArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'events-per-step': { type: 'string', default: '20000' },
        seed: { type: 'string', default: '5' },
        'stall-timeout-s': { type: 'string', default: '180' },
        'keep-features': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new ScaleUsageError(`${(error as Error).message}\n${SCALE_USAGE}`);
  }
  const integer = (name: string, min: number) => {
    const value = Number(values[name]);
    if (!Number.isSafeInteger(value) || value < min)
      throw new ScaleUsageError(`--${name} must be an integer of at least ${min}\n${SCALE_USAGE}`);
    return value;
  };
  return {
    // Enough rows for the chaos marks to fall between checkpoints and every replica to get work.
    eventsPerStep: integer('events-per-step', 1_000),
    seed: integer('seed', 0),
    stallTimeoutMs: integer('stall-timeout-s', 60) * 1000,
    killFeatures: values['keep-features'] !== true,
  };
}
