/**
 * Every fault of the suite, in the order a full run injects them, and the groups `--faults`
 * also accepts. Names are the `fault` field of the JSON lines: keep them stable.
 */
export const FAULT_NAMES = [
  'restart-ingest',
  'restart-features',
  'restart-scoring',
  'restart-actions',
  'kill-ingest',
  'kill-features',
  'kill-scoring',
  'kill-actions',
  'broker-kill',
  'registry-down',
  'redis-restart',
  'dynamodb-freeze',
  's3-down-promotion',
  'webhook-hang',
  'oversized-records',
  'undecodable-records',
  'schema-invalid-records',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

export const FAULT_GROUPS: Readonly<Record<string, readonly FaultName[]>> = {
  all: FAULT_NAMES,
  restarts: ['restart-ingest', 'restart-features', 'restart-scoring', 'restart-actions'],
  kills: ['kill-ingest', 'kill-features', 'kill-scoring', 'kill-actions'],
  poison: ['oversized-records', 'undecodable-records', 'schema-invalid-records'],
};

export const isFaultName = (name: string): name is FaultName =>
  (FAULT_NAMES as readonly string[]).includes(name);
