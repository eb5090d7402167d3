import { AppError } from '@rtml/errors';
import type { ScorePageKey } from '../store-prediction/score.store';

/**
 * Page cursors: the index key where a page ended, as base64url JSON. Opaque to clients (they
 * pass it back unchanged), but not trusted: a cursor is parsed like any other input, and one
 * that does not decode to a key is a 400, never a DynamoDB error.
 */
export function encodeCursor(key: ScorePageKey): string {
  const ordered = { eventId: key.eventId, entityId: key.entityId, eventTimeId: key.eventTimeId };
  return Buffer.from(JSON.stringify(ordered), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ScorePageKey {
  const invalid = (message: string) =>
    new AppError('REQUEST_INVALID', 'invalid query parameters', {
      details: { fields: [{ path: 'cursor', message }] },
    });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || cursor.length > 4_096)
    throw invalid('not a cursor returned by this API (base64url expected)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor returned by this API (undecodable)');
  }
  const candidate = parsed as Partial<Record<keyof ScorePageKey, unknown>> | null;
  const keys = ['eventId', 'entityId', 'eventTimeId'] as const;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    Object.keys(candidate).length !== keys.length ||
    !keys.every((key) => typeof candidate[key] === 'string' && candidate[key] !== '')
  )
    throw invalid('not a cursor returned by this API (unexpected content)');
  return candidate as ScorePageKey;
}
