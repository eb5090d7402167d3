import { FIELD_LIMITS } from '@rtml/contracts';
import type { FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { entityTimeRange } from '../store-prediction/score-item.mapper';
import type { EntityScoresQuery, ScorePageKey } from '../store-prediction/score.store';
import { decodeCursor } from './score-cursor.codec';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1_000;
/** Ids longer than the pipeline's limit are never stored (every stage holds ids to it). */
const MAX_ID_LENGTH = FIELD_LIMITS.idMaxLength;
const KNOWN_PARAMETERS = new Set(['from', 'to', 'limit', 'cursor']);

// A date, or a date-time with an explicit offset: a time with no zone would mean the server's.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Parses the query of `GET /v1/entities/:entityId/scores`. Every problem is collected and
 * reported at once, per field, as a REQUEST_INVALID (400) AppError.
 */
export function parseEntityScoresQuery(
  entityId: string,
  query: Readonly<Record<string, unknown>>,
): EntityScoresQuery {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => void problems.push({ path, message });
  for (const name of Object.keys(query))
    if (!KNOWN_PARAMETERS.has(name)) problem(name, 'unknown parameter (from, to, limit, cursor)');
  checkId('entityId', entityId, problem);
  const fromMs = parseTime('from', single('from', query, problem), 0, problem);
  const toMs = parseTime('to', single('to', query, problem), Number.MAX_SAFE_INTEGER, problem);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
    problem('from', 'must not be after to');
  const limit = parseLimit(single('limit', query, problem), problem);
  const cursor = single('cursor', query, problem);
  let after: ScorePageKey | undefined;
  if (cursor !== undefined) {
    try {
      after = decodeCursor(cursor);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem('cursor', 'not a cursor returned by this API');
    }
  }
  if (
    after &&
    fromMs !== undefined &&
    toMs !== undefined &&
    !belongsTo(after, entityId, fromMs, toMs)
  )
    problem('cursor', 'belongs to another entity or time range');
  if (problems.length > 0 || fromMs === undefined || toMs === undefined || limit === undefined)
    throw invalidQuery(problems);
  return { entityId, fromMs, toMs, limit, ...(after ? { after } : {}) };
}

const QUALITY_PARAMETERS = new Set(['from', 'to', 'k', 'pool']);
const POOLS = ['version', 'role'] as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** The largest k of card precision@k the quality API computes. */
export const MAX_QUALITY_K = 10_000;

export interface ModelQualityParameters {
  readonly model: string;
  /** Absent: the caller's default (the quality window before the latest matured day). */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly k?: number;
  /** `role`: every version of a role pooled (version `*`); `version` (default): each apart. */
  readonly pool?: (typeof POOLS)[number];
}

/**
 * Parses `GET /v1/models/:name/quality`: `from`/`to` as the entity scores take them, except
 * that a date alone as `to` means the end of that day (a range of days includes its last), and
 * `k` from 1 to `MAX_QUALITY_K`.
 */
export function parseModelQualityQuery(
  model: string,
  query: Readonly<Record<string, unknown>>,
): ModelQualityParameters {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => void problems.push({ path, message });
  const range = parseModelRange(model, query, QUALITY_PARAMETERS, problem);
  const rawK = single('k', query, problem);
  const k = rawK === undefined ? undefined : /^\d+$/.test(rawK) ? Number(rawK) : NaN;
  if (k !== undefined && !(k >= 1 && k <= MAX_QUALITY_K))
    problem('k', `expected an integer from 1 to ${MAX_QUALITY_K}`);
  const pool = single('pool', query, problem);
  if (pool !== undefined && !(POOLS as readonly string[]).includes(pool))
    problem('pool', `expected ${POOLS.join(' or ')}`);
  if (problems.length > 0) throw invalidQuery(problems);
  return {
    ...range,
    ...(k === undefined ? {} : { k }),
    ...(pool === undefined ? {} : { pool: pool as (typeof POOLS)[number] }),
  };
}

const EVIDENCE_PARAMETERS = new Set(['from', 'to', 'challenger']);

/** Parses `GET /v1/models/:name/evidence`: the range as the quality's, and `challenger` (required). */
export function parseModelEvidenceQuery(
  model: string,
  query: Readonly<Record<string, unknown>>,
): ModelQualityParameters & { readonly challenger: string } {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => void problems.push({ path, message });
  const range = parseModelRange(model, query, EVIDENCE_PARAMETERS, problem);
  const challenger = single('challenger', query, problem);
  if (challenger === undefined || challenger === '')
    problem('challenger', 'required: the challenger version to judge');
  else if (challenger.length > FIELD_LIMITS.nameMaxLength)
    problem('challenger', `at most ${FIELD_LIMITS.nameMaxLength} characters`);
  if (problems.length > 0 || challenger === undefined) throw invalidQuery(problems);
  return { ...range, challenger };
}

const ROWS_PARAMETERS = new Set(['version', 'day']);

/** Parses `GET /v1/feature-sets/:name/labelled-rows`: `version` and `day` (YYYY-MM-DD), both required. */
export function parseLabelledRowsQuery(
  featureSet: string,
  query: Readonly<Record<string, unknown>>,
): { readonly featureSet: string; readonly version: string; readonly day: string } {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => void problems.push({ path, message });
  for (const name of Object.keys(query))
    if (!ROWS_PARAMETERS.has(name)) problem(name, 'unknown parameter (version, day)');
  if (featureSet.length === 0 || featureSet.length > FIELD_LIMITS.nameMaxLength)
    problem('name', `1 to ${FIELD_LIMITS.nameMaxLength} characters`);
  const version = single('version', query, problem);
  if (version === undefined || version === '' || version.length > FIELD_LIMITS.nameMaxLength)
    problem('version', `required, 1 to ${FIELD_LIMITS.nameMaxLength} characters`);
  const day = single('day', query, problem);
  if (
    day === undefined ||
    !DATE_ONLY.test(day) ||
    new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
  )
    problem('day', 'required: a UTC day, YYYY-MM-DD');
  if (problems.length > 0 || version === undefined || day === undefined)
    throw invalidQuery(problems);
  return { featureSet, version, day };
}

function parseModelRange(
  model: string,
  query: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
  problem: Problem,
): ModelQualityParameters {
  for (const name of Object.keys(query))
    if (!known.has(name)) problem(name, `unknown parameter (${[...known].join(', ')})`);
  if (model.length === 0) problem('name', 'must not be empty');
  else if (model.length > FIELD_LIMITS.nameMaxLength)
    problem('name', `at most ${FIELD_LIMITS.nameMaxLength} characters`);
  const rawFrom = single('from', query, problem);
  const rawTo = single('to', query, problem);
  const fromMs = rawFrom === undefined ? undefined : parseTime('from', rawFrom, 0, problem);
  let toMs = rawTo === undefined ? undefined : parseTime('to', rawTo, 0, problem);
  if (toMs !== undefined && rawTo !== undefined && DATE_ONLY.test(rawTo)) toMs += DAY_MS - 1;
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
    problem('from', 'must not be after to');
  return {
    model,
    ...(fromMs === undefined ? {} : { fromMs }),
    ...(toMs === undefined ? {} : { toMs }),
  };
}

/** Checks the path parameter of `GET /v1/scores/:eventId`. */
export function parseEventId(eventId: string): string {
  const problems: FieldError[] = [];
  checkId('eventId', eventId, (path, message) => void problems.push({ path, message }));
  if (problems.length > 0) throw invalidQuery(problems);
  return eventId;
}

const invalidQuery = (fields: readonly FieldError[]): AppError =>
  new AppError(
    'REQUEST_INVALID',
    `invalid request: ${fields.map((field) => `${field.path}: ${field.message}`).join('; ')}`,
    { details: { fields } },
  );

type Problem = (path: string, message: string) => void;

function checkId(path: string, value: string, problem: Problem): void {
  if (value.length === 0) problem(path, 'must not be empty');
  else if (value.length > MAX_ID_LENGTH) problem(path, `at most ${MAX_ID_LENGTH} characters`);
}

function single(name: string, query: Readonly<Record<string, unknown>>, problem: Problem) {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problem(name, 'given more than once');
    return undefined;
  }
  return value;
}

function parseTime(name: string, raw: string | undefined, fallback: number, problem: Problem) {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : ISO_8601.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(value)) {
    problem(name, 'expected epoch milliseconds or an ISO-8601 date or date-time with a zone');
    return undefined;
  }
  if (value < 0 || value > Number.MAX_SAFE_INTEGER) {
    problem(name, 'outside the range of event times (1970 onwards)');
    return undefined;
  }
  return value;
}

function parseLimit(raw: string | undefined, problem: Problem): number | undefined {
  if (raw === undefined) return DEFAULT_LIMIT;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_LIMIT)) {
    problem('limit', `expected an integer from 1 to ${MAX_LIMIT}`);
    return undefined;
  }
  return value;
}

function belongsTo(key: ScorePageKey, entityId: string, fromMs: number, toMs: number): boolean {
  const { low, high } = entityTimeRange(fromMs, toMs);
  return key.entityId === entityId && key.eventTimeId >= low && key.eventTimeId <= high;
}
