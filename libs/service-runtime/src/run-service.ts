import { NestFactory } from '@nestjs/core';
import type { DynamicModule, Type } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError, describeError } from '@rtml/errors';
import { PipelineMetrics, createLogger } from '@rtml/observability';
import type { Logger, LogLevel } from '@rtml/observability';
import { NestLoggerAdapter } from './nest-logger.adapter';
import { ReadinessRegistry } from './readiness.registry';
import { RuntimeModule } from './runtime.module';

/** The settings every service has (see `baseServiceFields`). */
export interface BaseServiceConfig {
  readonly HTTP_PORT: number;
  readonly HTTP_HOST: string;
  readonly LOG_LEVEL: LogLevel;
  readonly SHUTDOWN_TIMEOUT_MS: number;
  readonly HTTP_BODY_LIMIT_BYTES: number;
  readonly LOG_REDACT_FIELDS: readonly string[];
}

export interface ServiceDefinition<C extends BaseServiceConfig> {
  readonly name: string;
  /** Reads and validates the environment; throws AppError CONFIG_INVALID listing every problem. */
  readonly loadConfig: (env: NodeJS.ProcessEnv) => C;
  /** The service's root module, given the runtime module to import and the config. */
  readonly rootModule: (runtime: DynamicModule, config: C) => Type | DynamicModule;
}

export interface RunningService {
  readonly app: NestFastifyApplication;
  readonly logger: Logger;
  /** Graceful stop: not-ready, finish in-flight work (module destroy hooks), close HTTP. */
  stop(): Promise<void>;
}

/**
 * Creates and starts a service from an already validated config: JSON logs, metrics, health,
 * HTTP on HTTP_HOST:HTTP_PORT. `stop()` is the graceful shutdown (idempotent).
 */
export async function startService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<RunningService> {
  const logger = createLogger({
    service: definition.name,
    level: config.LOG_LEVEL,
    redactFields: config.LOG_REDACT_FIELDS,
  });
  const readiness = new ReadinessRegistry();
  const runtime = RuntimeModule.forRoot({
    logger,
    metrics: new PipelineMetrics(definition.name),
    readiness,
    config,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    definition.rootModule(runtime, config),
    new FastifyAdapter({ bodyLimit: config.HTTP_BODY_LIMIT_BYTES }),
    { logger: new NestLoggerAdapter(logger), abortOnError: false },
  );
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.info(
    { port: config.HTTP_PORT, host: config.HTTP_HOST, pid: process.pid },
    `${definition.name} started`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      readiness.markShuttingDown();
      logger.info({}, `${definition.name} stopping`);
      await app.close();
      logger.info({}, `${definition.name} stopped`);
    })();
    return stopping;
  };
  return { app, logger, stop };
}

/**
 * The process entry point of a service: validated config (or one JSON line on stderr listing
 * every problem, and exit code 1), then `startService`, then a graceful shutdown on
 * SIGTERM/SIGINT bounded by SHUTDOWN_TIMEOUT_MS (past it the process exits 1 rather than hang
 * a rollout).
 */
export async function runService<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
): Promise<void> {
  const config = readConfigOrExit(definition);
  if (!config) return;
  let service: RunningService;
  try {
    service = await startService(definition, config);
  } catch (error) {
    // A boot that fails after the config is valid (a port in use, a table that cannot be
    // created...) ends like a bad config: one JSON line naming the cause, exit code 1.
    const line = {
      level: 'fatal',
      service: definition.name,
      code: error instanceof AppError ? error.code : 'INTERNAL',
      msg: `${definition.name} failed to start: ${describeError(error)}`,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        service.logger.error(
          { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
          'graceful shutdown timed out',
        );
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS).unref();
      service.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          service.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

function readConfigOrExit<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
): C | undefined {
  try {
    return definition.loadConfig(process.env);
  } catch (error) {
    const problems = error instanceof AppError ? error.details['problems'] : undefined;
    const line = {
      level: 'fatal',
      service: definition.name,
      code: 'CONFIG_INVALID',
      msg: describeError(error),
      problems,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exitCode = 1;
    return undefined;
  }
}
