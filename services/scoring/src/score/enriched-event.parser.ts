import { FIELD_LIMITS } from '@rtml/contracts';
import type { Feature, FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { ScorableEvent } from './scorable-event.model';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const L = FIELD_LIMITS;

/**
 * A decoded Avro value to the fields scoring needs. Avro already types what it decodes, but the
 * writer's schema is whatever the producer registered, so the shape is checked, not assumed:
 * every problem is reported (SCHEMA_INVALID with `details.fields`). Values are not judged here,
 * but ids, names and the vector are held to the pipeline's limits (`FIELD_LIMITS`, as ingest and
 * features are), so what scoring emits actions can store: past one is OUT_OF_RANGE.
 */
export function parseEnrichedEvent(value: unknown): ScorableEvent {
  const problems: FieldError[] = [];
  const pastLimits: FieldError[] = [];
  const root = isObject(value) ? value : {};
  if (!isObject(value)) problems.push({ path: '', message: 'must be a record' });
  const text = (fields: Fields, path: string, name: string, maxLength: number): string => {
    const found = fields[name];
    if (typeof found !== 'string' || found.length === 0) {
      problems.push({ path: `${path}${name}`, message: 'must be a non-empty string' });
      return '';
    }
    if (found.length > maxLength)
      pastLimits.push({
        path: `${path}${name}`,
        message: `must be at most ${maxLength} characters`,
      });
    return found;
  };
  const number = (fields: Fields, path: string, name: string): number => {
    const found = fields[name];
    if (typeof found === 'number') return found;
    problems.push({ path: `${path}${name}`, message: 'must be a number' });
    return 0;
  };
  const record = (name: string): Fields => {
    const found = root[name];
    if (isObject(found)) return found;
    problems.push({ path: name, message: 'must be a record' });
    return {};
  };
  const featureSet = record('featureSet');
  const timings = record('timings');
  const features = Array.isArray(root['features']) ? (root['features'] as unknown[]) : [];
  if (!Array.isArray(root['features']))
    problems.push({ path: 'features', message: 'must be an array' });
  if (features.length > L.featuresMaxCount)
    pastLimits.push({ path: 'features', message: `must have at most ${L.featuresMaxCount}` });
  const event: ScorableEvent = {
    eventId: text(root, '', 'eventId', L.idMaxLength),
    eventTime: number(root, '', 'eventTime'),
    entityId: text(root, '', 'entityId', L.idMaxLength),
    featureSet: {
      name: text(featureSet, 'featureSet.', 'name', L.nameMaxLength),
      version: text(featureSet, 'featureSet.', 'version', L.nameMaxLength),
    },
    features: features.slice(0, L.featuresMaxCount).map((item, index): Feature => {
      const fields = isObject(item) ? item : {};
      const path = `features.${index}.`;
      return {
        name: text(fields, path, 'name', L.featureNameMaxLength),
        value: number(fields, path, 'value'),
      };
    }),
    timings: {
      ingestedAt: number(timings, 'timings.', 'ingestedAt'),
      enrichedAt: number(timings, 'timings.', 'enrichedAt'),
    },
  };
  if (problems.length > 0) throw rejection('SCHEMA_INVALID', 'not an enriched event', problems);
  if (pastLimits.length > 0)
    throw rejection('OUT_OF_RANGE', "an enriched event past the pipeline's limits", pastLimits);
  return event;
}

function rejection(
  code: 'SCHEMA_INVALID' | 'OUT_OF_RANGE',
  what: string,
  fields: FieldError[],
): AppError {
  const summary = fields.map((field) => `${field.path || 'value'} ${field.message}`);
  return new AppError(code, `${what}: ${summary.join('; ')}`, { details: { fields } });
}
