import { FIELD_LIMITS } from '@rtml/contracts';
import { FeatureEngineError } from './feature-engine.error';
import { AGGREGATIONS, EVENT_FEATURE_KINDS, SECONDS_PER_DAY } from './feature-set.model';
import type {
  Aggregation,
  EventFeatureDefinition,
  EventFeatureKind,
  FeatureDefinition,
  FeatureSet,
  WindowFeatureDefinition,
} from './feature-set.model';

export type FeatureSetValidation =
  | { readonly ok: true; readonly featureSet: FeatureSet }
  | { readonly ok: false; readonly issues: readonly string[] };

type Issues = string[];
type Fields = Readonly<Record<string, unknown>>;

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ENTITY_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
const SET_KEYS = ['name', 'version', 'features'];
const EVENT_KEYS = ['name', 'kind'];
const WINDOW_KEYS = [
  'name',
  'kind',
  'entity',
  'windowDays',
  'delayDays',
  'aggregation',
  'labelDriven',
];

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const oneOf = <T extends string>(options: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (options as readonly string[]).includes(value);

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * Checks a feature-set definition (e.g. parsed JSON) and reports every problem at once, each
 * prefixed with its path (`features[3].windowDays: ...`). On success the result is deeply frozen
 * and `delayDays` is filled in (default 0).
 */
export function validateFeatureSet(input: unknown): FeatureSetValidation {
  const issues: Issues = [];
  if (!isRecord(input)) return { ok: false, issues: ['feature set: must be an object'] };
  rejectUnknownKeys(input, SET_KEYS, 'feature set', issues);
  if (typeof input['name'] !== 'string' || !NAME_PATTERN.test(input['name'])) {
    issues.push(`name: must match ${NAME_PATTERN.source}, got ${show(input['name'])}`);
  } else if (input['name'].length > FIELD_LIMITS.nameMaxLength) {
    issues.push(`name: must be at most ${FIELD_LIMITS.nameMaxLength} characters`);
  }
  const version = input['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    issues.push(`version: must be a positive integer, got ${show(version)}`);
  }
  const features = parseFeatures(input['features'], issues);
  if (issues.length > 0) return { ok: false, issues };
  const featureSet = { name: input['name'], version, features } as FeatureSet;
  return { ok: true, featureSet: deepFreeze(featureSet) };
}

/** Like {@link validateFeatureSet}, but throws a `FEATURE_SET_INVALID` error listing all issues. */
export function parseFeatureSet(input: unknown): FeatureSet {
  const result = validateFeatureSet(input);
  if (result.ok) return result.featureSet;
  throw new FeatureEngineError(
    'FEATURE_SET_INVALID',
    `invalid feature set: ${result.issues.join('; ')}`,
    result.issues,
  );
}

function parseFeatures(input: unknown, issues: Issues): FeatureDefinition[] {
  if (!Array.isArray(input) || input.length === 0) {
    issues.push('features: must be a non-empty array');
    return [];
  }
  // Every prediction carries (and stores) the whole vector: the pipeline's limits bound it.
  if (input.length > FIELD_LIMITS.featuresMaxCount)
    issues.push(`features: must have at most ${FIELD_LIMITS.featuresMaxCount} features`);
  const features: FeatureDefinition[] = [];
  const seen = new Set<string>();
  input.forEach((raw: unknown, index) => {
    const feature = parseFeature(raw, `features[${index}]`, issues);
    if (feature === undefined) return;
    if (seen.has(feature.name)) issues.push(`features[${index}].name: duplicate "${feature.name}"`);
    seen.add(feature.name);
    features.push(feature);
  });
  return features;
}

function parseFeature(raw: unknown, path: string, issues: Issues): FeatureDefinition | undefined {
  if (!isRecord(raw)) {
    issues.push(`${path}: must be an object`);
    return undefined;
  }
  const name = raw['name'];
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    issues.push(`${path}.name: must match ${NAME_PATTERN.source}, got ${show(name)}`);
    return undefined;
  }
  if (name.length > FIELD_LIMITS.featureNameMaxLength) {
    issues.push(`${path}.name: must be at most ${FIELD_LIMITS.featureNameMaxLength} characters`);
    return undefined;
  }
  const kind = raw['kind'];
  if (kind === 'window') return parseWindowFeature(raw, name, path, issues);
  if (oneOf<EventFeatureKind>(EVENT_FEATURE_KINDS, kind)) {
    rejectUnknownKeys(raw, EVENT_KEYS, path, issues);
    const feature: EventFeatureDefinition = { name, kind };
    return feature;
  }
  const expected = [...EVENT_FEATURE_KINDS, 'window'].join(', ');
  issues.push(`${path}.kind: unknown kind ${show(kind)} (expected one of ${expected})`);
  return undefined;
}

function parseWindowFeature(
  raw: Fields,
  name: string,
  path: string,
  issues: Issues,
): WindowFeatureDefinition | undefined {
  const before = issues.length;
  rejectUnknownKeys(raw, WINDOW_KEYS, path, issues);
  const { entity, aggregation, labelDriven } = raw;
  if (typeof entity !== 'string' || !ENTITY_PATTERN.test(entity)) {
    issues.push(`${path}.entity: must be an event key field name, got ${show(entity)}`);
  }
  const windowDays = parseDays(raw['windowDays'], `${path}.windowDays`, false, issues);
  const delayDays = parseDays(raw['delayDays'] ?? 0, `${path}.delayDays`, true, issues);
  if (!oneOf<Aggregation>(AGGREGATIONS, aggregation)) {
    const expected = AGGREGATIONS.join(', ');
    issues.push(
      `${path}.aggregation: unknown aggregation ${show(aggregation)} (expected ${expected})`,
    );
  }
  if (typeof labelDriven !== 'boolean') {
    issues.push(`${path}.labelDriven: must be a boolean, got ${show(labelDriven)}`);
  } else if (aggregation === 'ratio' && !labelDriven) {
    issues.push(`${path}.labelDriven: a ratio counts frauds, so it must be labelDriven: true`);
  } else if (aggregation !== 'ratio' && labelDriven) {
    issues.push(`${path}.labelDriven: only ratio reads labels; ${show(aggregation)} must be false`);
  }
  if (issues.length > before) return undefined;
  return {
    name,
    kind: 'window',
    entity,
    windowDays,
    delayDays,
    aggregation,
    labelDriven,
  } as WindowFeatureDefinition;
}

/** Days must be a whole number of seconds: windows are compared in integer epoch seconds. */
function parseDays(value: unknown, path: string, zeroAllowed: boolean, issues: Issues): number {
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (zeroAllowed ? value >= 0 : value > 0) &&
    Number.isSafeInteger(value * SECONDS_PER_DAY);
  if (!valid) {
    const rule = zeroAllowed ? '>= 0' : '> 0';
    issues.push(`${path}: must be a number ${rule} (whole seconds), got ${show(value)}`);
  }
  return valid ? value : 0;
}

function rejectUnknownKeys(raw: Fields, allowed: readonly string[], path: string, issues: Issues) {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) issues.push(`${path}: unknown field "${key}"`);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
