import type { WindowEntry } from './window-entry.model';
import { expiryCutoff, isExpired, pruneEntries } from './window-entry.pruning';

const entryAt = (time: number): WindowEntry => ({
  time,
  seq: time,
  value: 1,
  fraud: null,
  eventId: String(time),
});

describe('pruning', () => {
  const horizon = 37 * 86_400;
  const latest = 100 * 86_400;

  it('drops entries at or before latest − horizon, which no future window can contain', () => {
    const cutoff = expiryCutoff(latest, horizon);

    expect(isExpired(entryAt(latest - horizon), cutoff)).toBe(true);
    expect(isExpired(entryAt(latest - horizon + 1), cutoff)).toBe(false);
  });

  it('keeps the survivors in their original order without touching the input', () => {
    const entries = [entryAt(latest), entryAt(latest - horizon), entryAt(latest - 5)];

    expect(pruneEntries(entries, latest, horizon).map((e) => e.time)).toEqual([latest, latest - 5]);
    expect(entries).toHaveLength(3);
  });
});
