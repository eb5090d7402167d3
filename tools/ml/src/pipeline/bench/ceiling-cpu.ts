import type { CeilingResult } from './kafka.ceiling';

/** One ceiling's CPU-µs per unit (a record's hop, a transaction, a row, an item). */
export interface CeilingCpu {
  /** The process that measured it: the Kafka client, the store's client, the scorer, the SDK. */
  readonly client: number;
  /** Its server's: the broker, Redis, DynamoDB Local (none for ONNX). */
  readonly servers: number;
  readonly total: number;
}

/** What one transaction costs the pipeline in ceiling units: four Kafka hops and one of each. */
export const UNITS_PER_EVENT = {
  kafka: 4,
  redis_script: 1,
  onnx: 1,
  dynamodb_batch_write: 1,
} as const;

export type CeilingName = keyof typeof UNITS_PER_EVENT;

/** Each ceiling and its unit, as the bench prints them. */
export const CEILING_LABELS: Readonly<Record<CeilingName, string>> = {
  kafka: 'Kafka produce → consume (a hop)',
  redis_script: 'features window store (a transaction)',
  onnx: 'ONNX scoring (a row)',
  dynamodb_batch_write: 'DynamoDB batch writes (an item)',
};

/** A ceiling's CPU per unit, from what its measurement read over its timed part. */
export function ceilingCpu(result: CeilingResult): CeilingCpu {
  const perUnit = (us: number) => Math.round((us / Math.max(1, result.events)) * 10) / 10;
  const client = perUnit(result.clientCpuUs);
  const servers = perUnit(result.serverCpuUs);
  return { client, servers, total: Math.round((client + servers) * 10) / 10 };
}

/**
 * The sum of the parts: what one transaction would cost if the pipeline were nothing but its
 * ceilings' work (`UNITS_PER_EVENT` of each), CPU-µs. The first hop's produce is the load
 * driver's in the pipeline, counted here all the same.
 */
export function sumOfParts(cpu: Readonly<Record<CeilingName, CeilingCpu>>): number {
  const names = Object.keys(UNITS_PER_EVENT) as CeilingName[];
  return Math.round(names.reduce((sum, name) => sum + UNITS_PER_EVENT[name] * cpu[name].total, 0));
}
