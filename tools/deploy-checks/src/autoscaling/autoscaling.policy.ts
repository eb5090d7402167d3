import type { ServiceId } from '@rtml/contracts';

/** A number and the reason for it; the reason is written next to the number in the YAML. */
export interface Choice {
  readonly value: number;
  readonly why: string;
}

export interface ServiceScalingPolicy {
  /** `hpa`: CPU only (autoscaling/v2). `keda`: Kafka consumer lag, with CPU alongside. */
  readonly autoscaler: 'hpa' | 'keda';
  readonly minReplicas: Choice;
  readonly cpuUtilization: Choice;
  /** Target lag per replica (KEDA's lagThreshold); `keda` services only. */
  readonly lagThreshold?: Choice;
}

const CPU_TARGET: Choice = {
  value: 70,
  why: 'Percent of the CPU request: Node runs the hot path on one thread, so past ~70 % event-loop delay grows fast; the headroom absorbs a burst while new pods start.',
};

const ONE_REPLICA: Choice = {
  value: 1,
  why: 'The base keeps one replica per stage; the prod overlay raises it to 2 so a lost pod never stops a stage.',
};

/**
 * How each service scales, and why. Lag thresholds follow one rule: a replica's share of the
 * backlog should be about 5 s of its own throughput, so KEDA adds replicas once the stage falls
 * more than a few seconds behind and not on every burst. The throughputs are estimates for one
 * replica working one partition at a time (the consumers' default); replace them with the
 * measured ones from docs/benchmarks.md when they change.
 */
export const SCALING_POLICY: { readonly [Service in ServiceId]: ServiceScalingPolicy } = {
  ingest: {
    autoscaler: 'hpa',
    minReplicas: ONE_REPLICA,
    cpuUtilization: {
      value: 70,
      why: 'Ingest scales on CPU: validation and Avro encoding are its work on both paths (HTTP and events.raw), so CPU tracks load from either, and HTTP load never shows as lag.',
    },
  },
  features: {
    autoscaler: 'keda',
    minReplicas: ONE_REPLICA,
    cpuUtilization: CPU_TARGET,
    lagThreshold: {
      value: 5_000,
      why: 'About 5 s of one replica (~1,000 events/s: one pipelined Redis round trip per batch plus Avro decode and encode).',
    },
  },
  scoring: {
    autoscaler: 'keda',
    minReplicas: ONE_REPLICA,
    cpuUtilization: CPU_TARGET,
    lagThreshold: {
      value: 10_000,
      why: 'About 5 s of one replica (~2,000 events/s: ONNX alone does ~340,000 rows/s, so Kafka and Avro bound it).',
    },
  },
  actions: {
    autoscaler: 'keda',
    minReplicas: ONE_REPLICA,
    cpuUtilization: CPU_TARGET,
    lagThreshold: {
      value: 2_500,
      why: 'About 5 s of one replica (~500 events/s: DynamoDB BatchWriteItem, 25 items a request, 4 in flight, plus alerts).',
    },
  },
};

/** How often KEDA reads the lag. */
export const POLLING_INTERVAL: Choice = {
  value: 15,
  why: "Seconds between lag reads (KEDA's default is 30): a backlog is acted on within 15 s, and the brokers see 4 offset queries a minute per service.",
};

/**
 * Scaling speed, shared by every autoscaler. Each replica joining or leaving a consumer group
 * rebalances it (KafkaJS pauses the whole group meanwhile), so scaling up is allowed to be quick
 * but bounded, and scaling down is slow.
 */
export const SCALE_UP_PODS: Choice = {
  value: 4,
  why: 'At most 4 pods a minute, so a backlog reaches 12 replicas in 3 minutes with 3 rebalances, not 11.',
};
export const SCALE_UP_PERIOD_SECONDS = 60;
export const SCALE_DOWN_WINDOW: Choice = {
  value: 300,
  why: 'Seconds of lower demand before removing a pod: bursts come and go faster than a rebalance pays off.',
};
export const SCALE_DOWN_PODS: Choice = {
  value: 1,
  why: 'One pod every 2 minutes: each removal is a rebalance, and the remaining pods need to absorb the partitions.',
};
export const SCALE_DOWN_PERIOD_SECONDS = 120;
