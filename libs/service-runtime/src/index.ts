export { runService, startService } from './run-service';
export type { BaseServiceConfig, RunningService, ServiceDefinition } from './run-service';
export { baseServiceFields } from './base-service.fields';
export { RuntimeModule } from './runtime.module';
export type { RuntimeModuleOptions } from './runtime.module';
export { ReadinessRegistry } from './readiness.registry';
export type { ReadinessProbe, ReadinessReport } from './readiness.registry';
export { LOGGER, SERVICE_CONFIG } from './runtime.tokens';
export { NestLoggerAdapter } from './nest-logger.adapter';
