import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KafkaListenerPorts } from './kafka.render';
import type { LaunchPlan } from './process.control';
import { renderRedisConf } from './server-config.render';
import { kafkaBrokerPlan, kafkaClasspath } from './server.plans';
import { prepareKafkaFiles } from './server.prepare';
import { STACK_HOST } from './stack.config';
import type { StackPaths } from './stack.paths';
import { stackPaths } from './stack.paths';
import { requireJava, requireTool } from './tools.preflight';

/**
 * A server of a tool's own beside the stack's, never instead of it: the same artifacts and
 * renderers, other ports, its own folder. For tools that must crash a broker or lose a Redis
 * for real while other people keep using the shared stack (the fault suite). The caller runs
 * the plan (`launchDetached`), owns the process and removes the folder.
 */
export interface ScratchServer {
  readonly plan: LaunchPlan;
  /** What clients connect to: `host:port` for Kafka, a `redis://` URL for Redis. */
  readonly address: string;
  /** Where the server's output goes (pass it to `launchDetached`). */
  readonly logFile: string;
}

export interface ScratchKafkaOptions {
  /** The broker's folder: conf/, data/ and kafka.log are created in it. */
  readonly dir: string;
  /** PLAINTEXT and controller ports; a scratch broker has no SASL_SSL listener. */
  readonly ports: Pick<KafkaListenerPorts, 'plain' | 'controller'>;
  readonly heap?: string;
  /** Where the fetched Kafka jars are (default: this workspace's stack). */
  readonly stack?: StackPaths;
}

/**
 * One KRaft broker (combined broker + controller) from the stack's Kafka jars, its storage
 * formatted on the first call; calling again on the same folder (a restart) keeps its data.
 */
export async function prepareScratchKafka(options: ScratchKafkaOptions): Promise<ScratchServer> {
  const conf = path.join(options.dir, 'conf');
  fs.mkdirSync(conf, { recursive: true });
  const files = {
    logDir: path.join(options.dir, 'data', 'kraft'),
    propertiesFile: path.join(conf, 'server.properties'),
    log4jFile: path.join(conf, 'log4j2.xml'),
    logFile: path.join(options.dir, 'kafka.log'),
    cwd: conf,
  };
  const java = await requireJava();
  const classpath = kafkaClasspath(options.stack ?? stackPaths());
  await prepareKafkaFiles(files, { listeners: options.ports }, classpath, java);
  return {
    plan: kafkaBrokerPlan(files, classpath, java, options.heap),
    address: `${STACK_HOST}:${options.ports.plain}`,
    logFile: files.logFile,
  };
}

/**
 * redis-server on `port`, keeping nothing on disk (as the stack's): a restart starts it empty,
 * which is what a Redis restart without persistence does to its clients' state.
 */
export function prepareScratchRedis(options: {
  readonly dir: string;
  readonly port: number;
}): ScratchServer {
  fs.mkdirSync(options.dir, { recursive: true });
  const conf = path.join(options.dir, 'redis.conf');
  fs.writeFileSync(conf, renderRedisConf({ dataDir: options.dir, port: options.port }));
  return {
    plan: { command: requireTool('redis-server'), args: [conf], cwd: options.dir },
    address: `redis://${STACK_HOST}:${options.port}`,
    logFile: path.join(options.dir, 'redis.log'),
  };
}
