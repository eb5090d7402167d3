import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from '@rtml/observability';
import { PipelineMetrics } from '@rtml/observability';
import { AppErrorFilter } from './app-error.filter';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ReadinessRegistry } from './readiness.registry';
import { LOGGER, SERVICE_CONFIG } from './runtime.tokens';

export interface RuntimeModuleOptions {
  readonly logger: Logger;
  readonly metrics: PipelineMetrics;
  readonly readiness: ReadinessRegistry;
  /** The service's validated, frozen configuration object. */
  readonly config: object;
}

/**
 * What every service has: health endpoints, /metrics, the logger, the metrics registry, the
 * readiness registry, its config, and the HTTP error mapping. Global, imported once by the root module.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeModuleOptions): DynamicModule {
    return {
      module: RuntimeModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LOGGER, useValue: options.logger },
        { provide: PipelineMetrics, useValue: options.metrics },
        { provide: ReadinessRegistry, useValue: options.readiness },
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: APP_FILTER, useClass: AppErrorFilter },
      ],
      exports: [LOGGER, PipelineMetrics, ReadinessRegistry, SERVICE_CONFIG],
    };
  }
}
