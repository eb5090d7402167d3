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

  readonly duplicates = new Counter({
    name: 'rtml_duplicates_total',
    help: 'Events recognised as duplicates (same event id seen before) and not processed again, by stage',
    labelNames: ['stage'] as const,
    registers: [this.registry],
  });

  readonly lateEvents = new Counter({
    name: 'rtml_late_events_total',
    help: 'Events too late for exact features (transaction: entries it needed may be pruned; label: a delayed window already counted its transaction as not fraud)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly stateResets = new Counter({
    name: 'rtml_state_resets_total',
    help: 'Times a stage found its side state lost (e.g. Redis restarted empty) and rebuilt it from the retained topics; counted once per rebuild, by the replica that rebuilt it',
    registers: [this.registry],
  });

  readonly pipelineLatency = new Histogram({
    name: 'rtml_pipeline_latency_seconds',
    help: 'Wall time from ingest accepting an event to this service producing its output, by stage',
    labelNames: ['stage'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly modelInfo = new Gauge({
    name: 'rtml_model_info',
    help: 'The model version serving, 1 per (role, model, version); role is champion or challenger',
    labelNames: ['role', 'model', 'version'] as const,
    registers: [this.registry],
  });

  readonly modelLoads = new Counter({
    name: 'rtml_model_loads_total',
    help: 'Model load attempts by role and outcome (loaded or refused)',
    labelNames: ['role', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly scores = new Histogram({
    name: 'rtml_score',
    help: 'Distribution of scores, by role (champion or challenger)',
    labelNames: ['role'] as const,
    buckets: [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99],
    registers: [this.registry],
  });

  readonly featuresNewestEventTime = new Gauge({
    name: 'rtml_features_newest_event_time_seconds',
    help: 'Event time (epoch seconds) of the newest transaction whose features were updated, per feature set: time() minus it is how stale the features are',
    labelNames: ['feature_set'] as const,
    registers: [this.registry],
  });

  readonly modelDrift = new Gauge({
    name: 'rtml_model_drift_psi',
    help: 'Population stability index of each model input and of the score (input="score") over the sliding event-time window, against the reference in the model manifest; 0.1 a moderate shift, 0.25 a major one',
    labelNames: ['role', 'model', 'version', 'input'] as const,
    registers: [this.registry],
  });

  readonly modelDriftEvents = new Gauge({
    name: 'rtml_model_drift_events',
    help: 'Events in the drift window of a model (what rtml_model_drift_psi rests on)',
    labelNames: ['role', 'model', 'version'] as const,
    registers: [this.registry],
  });

  readonly modelQuality = new Gauge({
    name: 'rtml_model_quality',
    help: 'Online quality of a model version in a role on matured events (labels joined after LABEL_DELAY_DAYS of event time): metric auc, ap or card_precision (at QUALITY_K), window "day" (the latest complete day) or "rolling" (the latest QUALITY_WINDOW_DAYS complete days: AUC and AP pooled, card precision the daily mean)',
    labelNames: ['model', 'version', 'role', 'metric', 'window'] as const,
    registers: [this.registry],
  });

  readonly modelQualityEvents = new Gauge({
    name: 'rtml_model_quality_events',
    help: 'Matured events (outcome "events") and frauds among them (outcome "frauds") that rtml_model_quality rests on',
    labelNames: ['model', 'version', 'role', 'window', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly modelQualityDay = new Gauge({
    name: 'rtml_model_quality_day_timestamp_seconds',
    help: 'Start (UTC, epoch seconds) of the latest complete day the quality gauges cover; absent before one has matured',
    registers: [this.registry],
  });

  readonly alerts = new Counter({
    name: 'rtml_alerts_total',
    help: 'Alerts by outcome (fired, suppressed by the cooldown)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'rtml_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retried, dead-lettered), and deliveries deferred (re-emitted to wait out a backoff)',
    labelNames: ['outcome'] as const,
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

/** `metrics.time(step, work)` when there are metrics (a service), just `work()` when not (a test). */
export function timeStep<T>(
  metrics: PipelineMetrics | undefined,
  step: string,
  work: () => Promise<T>,
): Promise<T> {
  return metrics === undefined ? work() : metrics.time(step, work);
}
