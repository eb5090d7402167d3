import type { FeatureSet } from '@rtml/feature-engine';

/**
 * Redis key names of one feature set's online state. Key names are API: state outlives
 * deployments, so a rename (or a new prefix) finds no state: the service rebuilds it from the
 * retained topics, as after a loss (recover-state/).
 *
 *   {prefix}{set}:v{version}:{entityField}:{entityKey}   sorted set of window entries
 *   {prefix}{set}:v{version}:@seen:{eventId}             dedupe marker: `topic:partition:offset`
 *   {prefix}{set}:v{version}:@label:{transactionId}      a label waiting for its transaction
 *   {prefix}{set}:v{version}:@epoch                      hash: the state epoch and what it covers
 *   {prefix}{set}:v{version}:@rebuilding                 lease of the replica rebuilding the state
 *
 * Everything sits under the set's name and version, so two feature sets (or versions) can share
 * one Redis and one prefix without one's dedupe marker hiding an event from the other. Set names
 * cannot contain `:` and entity fields cannot start with `@`, so the three families never
 * collide, nor meet the two single keys; ids come last and may contain anything.
 */
export class FeatureStateKeys {
  private readonly base: string;

  constructor(prefix: string, featureSet: Pick<FeatureSet, 'name' | 'version'>) {
    this.base = `${prefix}${featureSet.name}:v${featureSet.version}:`;
  }

  entity(field: string, key: string): string {
    return `${this.base}${field}:${key}`;
  }

  seen(eventId: string): string {
    return `${this.base}@seen:${eventId}`;
  }

  pendingLabel(transactionId: string): string {
    return `${this.base}@label:${transactionId}`;
  }

  epoch(): string {
    return `${this.base}@epoch`;
  }

  rebuildLease(): string {
    return `${this.base}@rebuilding`;
  }
}
