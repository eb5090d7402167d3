import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { describeErrorOnOneLine } from '@rtml/errors';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { QualityMonitor } from './quality.monitor';

/** Injection token of QUALITY_REFRESH_SECONDS. */
export const QUALITY_REFRESH_SECONDS = Symbol('rtml.actions.quality.refresh');

/**
 * Recomputes the quality gauges every QUALITY_REFRESH_SECONDS (0: never), the first time once
 * the service has started. A refresh that fails (DynamoDB away) is logged and leaves the
 * gauges as they were; refreshes never overlap.
 */
@Injectable()
export class QualityRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(QualityMonitor) private readonly monitor: QualityMonitor,
    @Inject(QUALITY_REFRESH_SECONDS) private readonly seconds: number,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.seconds === 0) return;
    this.timer = setInterval(() => void this.refresh(), this.seconds * 1_000);
    this.timer.unref();
    void this.refresh();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One refresh now (or the one under way). */
  refresh(): Promise<void> {
    this.running ??= this.monitor
      .refresh()
      .catch((error: unknown) =>
        this.logger.warn({ error: describeErrorOnOneLine(error) }, 'quality gauges not refreshed'),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
