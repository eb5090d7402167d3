import type { PipelineMetrics } from '@rtml/observability';
import { DAY_MS } from '../shared/utc-day';
import type { QualityNumbers, VersionQuality } from './quality.evaluation';
import type { QualityReader } from './quality.reader';

export interface QualityMonitorOptions {
  /** QUALITY_WINDOW_DAYS: the rolling window, in complete days. */
  readonly windowDays: number;
  readonly k: number;
  readonly labelDelayMs: number;
}

const METRICS: ReadonlyArray<[keyof QualityNumbers, string]> = [
  ['auc', 'auc'],
  ['ap', 'ap'],
  ['cardPrecision', 'card_precision'],
];

/**
 * The quality gauges: the latest complete day (every event of it matured) and the rolling window
 * of the `windowDays` complete days up to it, for every model version and role that scored
 * them. Each refresh reads the window from the tables (`QualityReader`) and replaces every
 * gauge, so a version no longer in the window disappears. Every replica computes the same
 * values from the same tables.
 */
export class QualityMonitor {
  constructor(
    private readonly reader: QualityReader,
    private readonly metrics: PipelineMetrics,
    private readonly clock: { read(): Promise<number | undefined> },
    private readonly options: QualityMonitorOptions,
  ) {}

  async refresh(): Promise<void> {
    const clock = await this.clock.read();
    const { windowDays, k, labelDelayMs } = this.options;
    // The latest day whose last millisecond has matured.
    const lastDay =
      clock === undefined ? undefined : Math.floor((clock - labelDelayMs + 1) / DAY_MS) - 1;
    if (lastDay === undefined) return this.clear();
    const fromMs = (lastDay - windowDays + 1) * DAY_MS;
    const toMs = (lastDay + 1) * DAY_MS - 1;
    const answer = await this.reader.quality({ fromMs, toMs, k });
    this.clear();
    if (answer.versions.length === 0) return;
    this.metrics.modelQualityDay.set((lastDay * DAY_MS) / 1_000);
    for (const version of answer.versions) {
      this.set(version, 'rolling', version.overall);
      const latest = version.days.at(-1);
      if (latest !== undefined && Date.parse(`${latest.day}T00:00:00Z`) === lastDay * DAY_MS)
        this.set(version, 'day', latest);
    }
  }

  private set(version: VersionQuality, window: 'day' | 'rolling', numbers: QualityNumbers): void {
    const labels = { model: version.model, version: version.version, role: version.role, window };
    for (const [field, metric] of METRICS) {
      const value = numbers[field];
      if (value !== null) this.metrics.modelQuality.set({ ...labels, metric }, value);
    }
    this.metrics.modelQualityEvents.set({ ...labels, outcome: 'events' }, numbers.events ?? 0);
    this.metrics.modelQualityEvents.set({ ...labels, outcome: 'frauds' }, numbers.frauds ?? 0);
  }

  private clear(): void {
    this.metrics.modelQuality.reset();
    this.metrics.modelQualityEvents.reset();
    this.metrics.modelQualityDay.reset();
  }
}
