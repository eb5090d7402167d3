import { FeatureEngineError } from './feature-engine.error';
import type { WindowEntry } from './window-entry.model';

/*
 * Storage encoding of a window entry: `time:seq:value:fraud:eventId`, e.g.
 * `1522540831:0:57.16:-:0`. fraud is `0`, `1` or `-` (not known yet). Numbers use JavaScript's
 * shortest round-trip form (String(x)), so decode(encode(e)) equals e exactly and
 * encode(decode(s)) === s. eventId comes last, so it may itself contain `:`.
 *
 * The format is API: stored state outlives deployments, so change it only with a new key prefix.
 */

const ENTRY_PATTERN = /^(-?\d+):(-?\d+):([^:]+):([01-]):(.+)$/s;

export function encodeEntry(entry: WindowEntry): string {
  if (!Number.isSafeInteger(entry.time) || !Number.isSafeInteger(entry.seq)) {
    throw new FeatureEngineError('ENTRY_UNDECODABLE', 'entry time and seq must be safe integers');
  }
  if (!Number.isFinite(entry.value)) {
    throw new FeatureEngineError('ENTRY_UNDECODABLE', 'entry value must be a finite number');
  }
  if (entry.eventId.length === 0) {
    throw new FeatureEngineError('ENTRY_UNDECODABLE', 'entry eventId must not be empty');
  }
  const fraud = entry.fraud === null ? '-' : String(entry.fraud);
  return `${entry.time}:${entry.seq}:${String(entry.value)}:${fraud}:${entry.eventId}`;
}

/** Parses an encoded entry; anything not written by `encodeEntry` is rejected, not guessed at. */
export function decodeEntry(encoded: string): WindowEntry {
  const match = ENTRY_PATTERN.exec(encoded);
  const [, time, seq, value, fraud, eventId] = match ?? [];
  const entry =
    time === undefined || seq === undefined || value === undefined || eventId === undefined
      ? undefined
      : {
          time: Number(time),
          seq: Number(seq),
          value: Number(value),
          fraud: fraud === '-' ? null : fraud === '1' ? (1 as const) : (0 as const),
          eventId,
        };
  if (entry === undefined || !isCanonical(entry, encoded)) {
    throw new FeatureEngineError('ENTRY_UNDECODABLE', `undecodable window entry "${encoded}"`);
  }
  return entry;
}

/** Rejects non-canonical spellings (`057.10`, `-0`, `1e3`) so an entry has exactly one encoding. */
function isCanonical(entry: WindowEntry, encoded: string): boolean {
  if (!Number.isSafeInteger(entry.time) || !Number.isSafeInteger(entry.seq)) return false;
  if (!Number.isFinite(entry.value)) return false;
  return encodeEntry(entry) === encoded;
}
