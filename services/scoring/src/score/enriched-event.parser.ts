import type { Feature, FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { ScorableEvent } from './scorable-event.model';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A decoded Avro value to the fields scoring needs. Avro already types what it decodes, but the
 * writer's schema is whatever the producer registered, so the shape is checked, not assumed:
 * every problem is reported (SCHEMA_INVALID with `details.fields`). Values are not judged here.
 */
export function parseEnrichedEvent(value: unknown): ScorableEvent {
  const problems: FieldError[] = [];
  const root = isObject(value) ? value : {};
  if (!isObject(value)) problems.push({ path: '', message: 'must be a record' });
  const text = (fields: Fields, path: string, name: string): string => {
    const found = fields[name];
    if (typeof found === 'string' && found.length > 0) return found;
    problems.push({ path: `${path}${name}`, message: 'must be a non-empty string' });
    return '';
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
  const event: ScorableEvent = {
    eventId: text(root, '', 'eventId'),
    eventTime: number(root, '', 'eventTime'),
    entityId: text(root, '', 'entityId'),
    featureSet: {
      name: text(featureSet, 'featureSet.', 'name'),
      version: text(featureSet, 'featureSet.', 'version'),
    },
    features: features.map((item, index): Feature => {
      const fields = isObject(item) ? item : {};
      const path = `features.${index}.`;
      return { name: text(fields, path, 'name'), value: number(fields, path, 'value') };
    }),
    timings: {
      ingestedAt: number(timings, 'timings.', 'ingestedAt'),
      enrichedAt: number(timings, 'timings.', 'enrichedAt'),
    },
  };
  if (problems.length > 0) {
    const summary = problems.map((problem) => `${problem.path || 'value'} ${problem.message}`);
    throw new AppError('SCHEMA_INVALID', `not an enriched event: ${summary.join('; ')}`, {
      details: { fields: problems },
    });
  }
  return event;
}
