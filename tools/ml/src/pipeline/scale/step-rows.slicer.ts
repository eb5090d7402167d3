/** Something to do once a step has handed out a given share of its rows. */
export interface StepHook {
  /** Share of the step's rows handed out before the hook runs, in [0, 1]. */
  readonly at: number;
  /** Awaited before the next slice goes out: return at once to let the rows keep flowing. */
  readonly run: () => void | Promise<void>;
}

/**
 * Hands a step's rows out in slices, running each hook once, just before the first slice that
 * starts at or past its mark (hooks still due at the end run after the last slice). Lets a
 * scenario act while events flow: a hook that starts work without awaiting it leaves the
 * stream running; a later hook can then wait for that work, so it is done with rows still to go.
 */
export async function* slicesWithHooks<T>(
  rows: readonly T[],
  sliceSize: number,
  hooks: readonly StepHook[] = [],
): AsyncGenerator<T[]> {
  const pending = [...hooks].sort((a, b) => a.at - b.at);
  const runDue = async (handedOut: number) => {
    while (pending.length > 0 && pending[0]!.at * rows.length <= handedOut) {
      await pending.shift()!.run();
    }
  };
  for (let start = 0; start < rows.length; start += sliceSize) {
    await runDue(start);
    yield rows.slice(start, start + sliceSize);
  }
  await runDue(Number.POSITIVE_INFINITY);
}

/** Consecutive slices of `size` rows: step k streams the k-th, so event time runs on across steps. */
export function consecutiveSlices<T>(rows: readonly T[], size: number, count: number): T[][] {
  if (rows.length < size * count)
    throw new RangeError(`${count} steps of ${size} rows need ${size * count}, got ${rows.length}`);
  return Array.from({ length: count }, (_, step) => rows.slice(step * size, (step + 1) * size));
}
