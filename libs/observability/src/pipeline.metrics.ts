import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets in seconds, from 100 µs to 10 s: batches are fast, outages are slow. */
const LATENCY_BUCKETS = [
  0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10,
];
const BATCH_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/**
 * The metrics every service exposes on /metrics, one registry per process. Names are API
 * (dashboards and alerts use them): add, never rename.
 */
export class PipelineMetrics {
  readonly registry = new Registry();

  readonly recordsConsumed = new Counter({
    name: 'rtml_records_consumed_total',
    help: 'Records consumed, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly recordsProduced = new Counter({
    name: 'rtml_records_produced_total',
    help: 'Records produced, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'rtml_batch_size',
    help: 'Records per processed batch, by stage',
    labelNames: ['stage'] as const,
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });

  readonly stageDuration = new Histogram({
    name: 'rtml_stage_duration_seconds',
    help: 'Time spent per batch in a stage of the service',
    labelNames: ['stage'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'rtml_consumer_lag',
    help: 'High watermark minus the next offset to process, by topic and partition',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'rtml_errors_total',
    help: 'Failures by error code and whether they were retried',
    labelNames: ['code', 'retriable'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'rtml_dead_letters_total',
    help: 'Records sent to the dead-letter topic, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'rtml_' });
  }

  /** Times `work` into the stage histogram, whether it succeeds or throws. */
  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const stop = this.stageDuration.startTimer({ stage });
    try {
      return await work();
    } finally {
      stop();
    }
  }
}
