export { createLogger } from './logger';
export type { Logger, LoggerOptions, LogLevel } from './logger';
export { PipelineMetrics, timeStep } from './pipeline.metrics';
