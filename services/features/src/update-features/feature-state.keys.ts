import type { FeatureSet } from '@rtml/feature-engine';

/**
 * Redis key names of one feature set's online state. Key names are API: state outlives
 * deployments, so a rename (or a new prefix) finds no state: the service rebuilds it from the
 * retained topics, as after a loss (recover-state/).
 *
 *   {prefix}{set}:v{version}:w2:{entityField}:{entityKey}         an entity's window records
 *   {prefix}{set}:v{version}:w2:@fraud:{entityField}:{entityKey}  its fraud-labelled events
 *   {prefix}{set}:v{version}:w2:@seen:{eventId}                   dedupe marker: `time|source`
 *   {prefix}{set}:v{version}:w2:@epoch                            hash: the state epoch
 *   {prefix}{set}:v{version}:w2:@rebuilding                       lease of the rebuilding replica
 *
 * `w2` is the state's layout (window-store.scripts.ts): the first layout (sorted sets of text
 * members, no segment) is not read by this code, so an upgrade finds no epoch and rebuilds, and
 * the old keys expire on their own.
 *
 * Everything sits under the set's name and version, so two feature sets (or versions) can share
 * one Redis and one prefix without one's dedupe marker hiding an event from the other. Set names
 * cannot contain `:` and entity fields cannot start with `@`, so the families never collide, nor
 * meet the two single keys; ids come last and may contain anything.
 */
export class FeatureStateKeys {
  private readonly base: string;

  constructor(prefix: string, featureSet: Pick<FeatureSet, 'name' | 'version'>) {
    this.base = `${prefix}${featureSet.name}:v${featureSet.version}:w2:`;
  }

  entity(field: string, key: string): string {
    return `${this.base}${field}:${key}`;
  }

  frauds(field: string, key: string): string {
    return `${this.base}@fraud:${field}:${key}`;
  }

  seen(eventId: string): string {
    return `${this.base}@seen:${eventId}`;
  }

  epoch(): string {
    return `${this.base}@epoch`;
  }

  rebuildLease(): string {
    return `${this.base}@rebuilding`;
  }
}
