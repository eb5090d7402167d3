export { createLogger } from './logger';
export { REDACTED, SECRET_KEYS } from './log-redaction.paths';
export { jsonErrorReason } from './json-error.reason';
export type { Logger, LoggerOptions, LogLevel } from './logger';
export { PipelineMetrics, timeStep } from './pipeline.metrics';
export { parsePrometheusText, sampleValue } from './prometheus-text.parser';
export type { PrometheusSample } from './prometheus-text.parser';
