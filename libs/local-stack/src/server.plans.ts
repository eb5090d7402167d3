import * as path from 'node:path';
import { artifactDir } from './artifacts.fetch';
import type { LaunchPlan } from './process.control';
import type { RegistryProxyFiles } from './registry-proxy.render';
import type { ServerName } from './stack.config';
import { ARTIFACT_VERSIONS, JVM_HEAP, STACK_HOST, STACK_PORTS } from './stack.config';
import type { StackPaths } from './stack.paths';
import { confDir, dataDir, logFile } from './stack.paths';

/** Absolute paths of the programs the plans run. */
export interface StackTools {
  readonly java: string;
  readonly redisServer: string;
  readonly nginx: string;
}

/**
 * Common JVM flags: a small heap, the small-footprint serial collector, die rather than limp on
 * OOM. `quickStart` (C1 only) halves the CPU a JVM burns while four start at once on two cores;
 * Kafka keeps the full JIT because tests push real traffic through it.
 */
export function jvmFlags(heap: string, options: { readonly quickStart: boolean }): string[] {
  const jit = options.quickStart ? ['-XX:TieredStopAtLevel=1'] : [];
  return [
    '-Xms64m',
    `-Xmx${heap}`,
    '-XX:+UseSerialGC',
    ...jit,
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
  ];
}

/** Kafka's log.dirs: a sub-folder, so nothing else ever lands next to the partitions. */
export const kafkaLogDir = (paths: StackPaths): string =>
  path.join(dataDir(paths, 'kafka'), 'kraft');
export const kafkaPropertiesFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 'kafka'), 'server.properties');
export const kafkaLog4jFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 'kafka'), 'log4j2.xml');
/** The secure listener's self-signed key pair (PKCS12), and its certificate as PEM for clients. */
export const kafkaKeystoreFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 'kafka'), 'broker.p12');
export const kafkaCaFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 'kafka'), 'broker-ca.pem');
export const kafkaClasspath = (paths: StackPaths): string =>
  path.join(artifactDir(paths, 'kafka'), '*');
export const s3ProxyPropertiesFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 's3'), 's3proxy.properties');
export const redisConfFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 'redis'), 'redis.conf');
export const registryProxyConfFile = (paths: StackPaths): string =>
  path.join(confDir(paths, 'registry-proxy'), 'nginx.conf');
export const registryProxyFiles = (paths: StackPaths): RegistryProxyFiles => ({
  htpasswdFile: path.join(confDir(paths, 'registry-proxy'), 'htpasswd'),
  nginxPidFile: path.join(dataDir(paths, 'registry-proxy'), 'nginx.pid'),
  logFile: logFile(paths, 'registry-proxy'),
  tempDir: dataDir(paths, 'registry-proxy'),
});

/** Where one broker keeps its config, partitions and log: the stack's, or a scratch broker's. */
export interface KafkaFiles {
  /** `log.dirs`: partitions and KRaft metadata. */
  readonly logDir: string;
  readonly propertiesFile: string;
  readonly log4jFile: string;
  /** The log file log4j2 and the one-shot tools (storage format, keytool) append to. */
  readonly logFile: string;
  /** The broker's working directory. */
  readonly cwd: string;
}

export const stackKafkaFiles = (paths: StackPaths): KafkaFiles => ({
  logDir: kafkaLogDir(paths),
  propertiesFile: kafkaPropertiesFile(paths),
  log4jFile: kafkaLog4jFile(paths),
  logFile: logFile(paths, 'kafka'),
  cwd: confDir(paths, 'kafka'),
});

/** `kafka.Kafka` from the fetched jars (`classpath`), on the files given. */
export function kafkaBrokerPlan(
  files: KafkaFiles,
  classpath: string,
  java: string,
  heap: string = JVM_HEAP.kafka,
): LaunchPlan {
  const args = [
    ...jvmFlags(heap, { quickStart: false }),
    `-Dlog4j2.configurationFile=${files.log4jFile}`,
    '-cp',
    classpath,
    'kafka.Kafka',
    files.propertiesFile,
  ];
  return { command: java, args, cwd: files.cwd };
}

const kafkaPlan = (paths: StackPaths, tools: StackTools): LaunchPlan =>
  kafkaBrokerPlan(stackKafkaFiles(paths), kafkaClasspath(paths), tools.java);

/**
 * Apicurio with SQL storage on an H2 *file* database, so schema ids survive restarts exactly as
 * Kafka's data does. No auth (OIDC tenant off), bound to loopback.
 */
function registryPlan(paths: StackPaths, tools: StackTools): LaunchPlan {
  const dir = artifactDir(paths, 'registry');
  const db = path.join(dataDir(paths, 'registry'), 'registry');
  const props: Record<string, string | number> = {
    'quarkus.http.host': STACK_HOST,
    'quarkus.http.port': STACK_PORTS.registry,
    'quarkus.oidc.tenant-enabled': 'false',
    'quarkus.log.console.format': '%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%c{3.}] (%t) %m%n',
    'apicurio.storage.kind': 'sql',
    'apicurio.storage.sql.kind': 'h2',
    'apicurio.datasource.url': `jdbc:h2:file:${db}`,
    'apicurio.datasource.jdbc.initial-size': 2,
    'apicurio.datasource.jdbc.min-size': 2,
    'apicurio.datasource.jdbc.max-size': 20,
    'apicurio.storage.snapshot.location': dataDir(paths, 'registry'),
    'apicurio.import.work-dir': dataDir(paths, 'registry'),
  };
  const defines = Object.entries(props).map(([key, value]) => `-D${key}=${value}`);
  const jar = path.join(dir, `apicurio-registry-app-${ARTIFACT_VERSIONS.registry}-runner.jar`);
  return {
    command: tools.java,
    args: [...jvmFlags(JVM_HEAP.registry, { quickStart: true }), ...defines, '-jar', jar],
    cwd: confDir(paths, 'registry'),
  };
}

/**
 * DynamoDB Local, one shared database for every credential and region, no telemetry, in memory:
 * its on-disk SQLite store took 326 items/s of BatchWriteItem here, at 2.4 times the CPU, against
 * 1,728 in memory (docs/benchmarks.md). The price: `infra:down` forgets the tables, so the
 * pipeline tools leave the stack running, and Redis's state goes with them (planStackStart).
 */
function dynamodbPlan(paths: StackPaths, tools: StackTools): LaunchPlan {
  const dir = artifactDir(paths, 'dynamodb');
  const args = [
    ...jvmFlags(JVM_HEAP.dynamodb, { quickStart: true }),
    `-Djava.library.path=${path.join(dir, 'native')}`,
    '-cp',
    path.join(dir, '*'),
    'com.amazonaws.services.dynamodbv2.local.main.ServerRunner',
    '-port',
    String(STACK_PORTS.dynamodb),
    '-sharedDb',
    '-inMemory',
    '-disableTelemetry',
  ];
  return { command: tools.java, args, cwd: confDir(paths, 'dynamodb') };
}

function s3Plan(paths: StackPaths, tools: StackTools): LaunchPlan {
  const jar = path.join(artifactDir(paths, 's3proxy'), 's3proxy.jar');
  const args = [
    ...jvmFlags(JVM_HEAP.s3, { quickStart: true }),
    '-jar',
    jar,
    '--properties',
    s3ProxyPropertiesFile(paths),
  ];
  return { command: tools.java, args, cwd: confDir(paths, 's3') };
}

function redisPlan(paths: StackPaths, tools: StackTools): LaunchPlan {
  return { command: tools.redisServer, args: [redisConfFile(paths)], cwd: confDir(paths, 'redis') };
}

/**
 * nginx with its prefix in the stack folder (`-p`), its error log there from the first line
 * (`-e`, before the config is read: Debian's default /var/log/nginx is root's).
 */
function registryProxyPlan(paths: StackPaths, tools: StackTools): LaunchPlan {
  const files = registryProxyFiles(paths);
  return {
    command: tools.nginx,
    args: [
      '-p',
      confDir(paths, 'registry-proxy'),
      '-e',
      files.logFile,
      '-c',
      registryProxyConfFile(paths),
    ],
    cwd: confDir(paths, 'registry-proxy'),
  };
}

const PLANS: Readonly<Record<ServerName, (paths: StackPaths, tools: StackTools) => LaunchPlan>> = {
  kafka: kafkaPlan,
  registry: registryPlan,
  'registry-proxy': registryProxyPlan,
  dynamodb: dynamodbPlan,
  s3: s3Plan,
  redis: redisPlan,
};

/** The command line that runs `server` from the stack folder (pure: nothing is touched). */
export const launchPlan = (server: ServerName, paths: StackPaths, tools: StackTools): LaunchPlan =>
  PLANS[server](paths, tools);
