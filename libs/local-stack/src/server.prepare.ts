import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  isScramUserApplied,
  markScramUserApplied,
  scramAlterArgs,
  scramFormatArgs,
} from './kafka-scram.users';
import { newClusterId, renderKafkaLog4j2, renderKafkaProperties } from './kafka.render';
import type { KafkaRenderInput } from './kafka.render';
import {
  REDIS_AOF_DIR,
  STACK_REDIS_PERSISTENCE,
  renderRedisConf,
  renderS3ProxyProperties,
} from './server-config.render';
import { htpasswdLine, renderRegistryProxyConf } from './registry-proxy.render';
import { REGISTRY_PROXY } from './stack.config';
import type { KafkaFiles, StackTools } from './server.plans';
import {
  jvmFlags,
  kafkaCaFile,
  kafkaClasspath,
  kafkaKeystoreFile,
  kafkaLog4jFile,
  redisConfFile,
  registryProxyConfFile,
  registryProxyFiles,
  s3ProxyPropertiesFile,
  stackKafkaFiles,
} from './server.plans';
import { KAFKA_SECURE_LISTENER, STACK_HOST } from './stack.config';
import type { ServerName } from './stack.config';
import { StackError, oneLine } from './stack.error';
import type { StackPaths } from './stack.paths';
import { confDir, dataDir, logFile } from './stack.paths';

/** Runs a one-shot program, appending its output to `log`; fails with `what`. */
function runLogged(
  log: string,
  program: string,
  args: readonly string[],
  what: string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    execFile(program, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      fs.appendFileSync(log, `${stdout}${stderr}`);
      if (error)
        reject(new StackError('START_FAILED', `${what} failed: ${oneLine(stderr || error)}`));
      else resolve(stdout);
    });
  });
}

/** KRaft storage is formatted once; meta.properties marks a formatted log dir. */
const isKafkaFormatted = (files: KafkaFiles): boolean =>
  fs.existsSync(path.join(files.logDir, 'meta.properties'));

async function formatKafkaStorage(
  files: KafkaFiles,
  classpath: string,
  java: string,
  formatArgs: readonly string[],
): Promise<void> {
  if (isKafkaFormatted(files)) return;
  const args = [
    ...jvmFlags('256m', { quickStart: true }),
    `-Dlog4j2.configurationFile=${files.log4jFile}`,
    '-cp',
    classpath,
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    newClusterId((size) => randomBytes(size)),
    '--config',
    files.propertiesFile,
    ...formatArgs,
  ];
  const output = await runLogged(files.logFile, java, args, 'kafka storage format');
  if (!fs.existsSync(path.join(files.logDir, 'meta.properties'))) {
    throw new StackError(
      'START_FAILED',
      `kafka storage format wrote no meta.properties: ${oneLine(output)}`,
    );
  }
}

/**
 * The secure listener's self-signed certificate for 127.0.0.1, made once with the JDK's keytool
 * (next to the java binary), and exported as PEM for clients to trust.
 */
async function ensureKafkaCertificate(paths: StackPaths, tools: StackTools): Promise<void> {
  const keystore = kafkaKeystoreFile(paths);
  const ca = kafkaCaFile(paths);
  if (fs.existsSync(keystore) && fs.existsSync(ca)) return;
  fs.rmSync(keystore, { force: true });
  const keytool = path.join(path.dirname(fs.realpathSync(tools.java)), 'keytool');
  const store = ['-keystore', keystore, '-storetype', 'PKCS12', '-alias', 'broker'];
  const password = KAFKA_SECURE_LISTENER.keystorePassword;
  await runLogged(
    logFile(paths, 'kafka'),
    keytool,
    [
      '-genkeypair',
      ...store,
      '-keyalg',
      'RSA',
      '-keysize',
      '2048',
      '-validity',
      '3650',
      '-dname',
      `CN=${STACK_HOST}`,
      '-ext',
      `SAN=ip:${STACK_HOST},dns:localhost`,
      '-storepass',
      password,
      '-keypass',
      password,
    ],
    'keytool -genkeypair',
  );
  await runLogged(
    logFile(paths, 'kafka'),
    keytool,
    ['-exportcert', '-rfc', ...store, '-storepass', password, '-file', ca],
    'keytool -exportcert',
  );
}

/**
 * Renders one broker's server.properties and log4j2 file on `files` (afresh on every start) and
 * formats its storage the first time (with `formatArgs` appended, e.g. `--add-scram`): the
 * stack's broker, or a scratch one on other ports.
 */
export async function prepareKafkaFiles(
  files: KafkaFiles,
  render: Pick<KafkaRenderInput, 'listeners' | 'keystoreFile'>,
  classpath: string,
  java: string,
  formatArgs: readonly string[] = [],
): Promise<void> {
  fs.mkdirSync(files.logDir, { recursive: true });
  const input = { ...render, logDir: files.logDir, logFile: files.logFile };
  fs.writeFileSync(files.propertiesFile, renderKafkaProperties(input));
  fs.writeFileSync(files.log4jFile, renderKafkaLog4j2(input));
  await formatKafkaStorage(files, classpath, java, formatArgs);
}

async function prepareKafka(paths: StackPaths, tools: StackTools): Promise<void> {
  await ensureKafkaCertificate(paths, tools);
  const files = stackKafkaFiles(paths);
  const fresh = !isKafkaFormatted(files);
  await prepareKafkaFiles(
    files,
    { keystoreFile: kafkaKeystoreFile(paths) },
    kafkaClasspath(paths),
    tools.java,
    scramFormatArgs(),
  );
  if (fresh) markScramUserApplied(paths);
}

/**
 * After the broker answers: a storage formatted before KAFKA_SCRAM_USER existed (a developer's
 * old .stack), or with other credentials, gets the user through the admin API (an upsert, so a
 * run cut short is simply repeated). A no-op once the marker says it is in place.
 */
export async function ensureKafkaScramUser(paths: StackPaths, tools: StackTools): Promise<void> {
  if (isScramUserApplied(paths)) return;
  for (const args of scramAlterArgs()) {
    await runLogged(
      logFile(paths, 'kafka'),
      tools.java,
      [
        ...jvmFlags('256m', { quickStart: true }),
        `-Dlog4j2.configurationFile=${kafkaLog4jFile(paths)}`,
        '-cp',
        kafkaClasspath(paths),
        'kafka.admin.ConfigCommand',
        ...args,
      ],
      'kafka-configs --alter (SCRAM user)',
    );
  }
  markScramUserApplied(paths);
}

/**
 * Writes `server`'s config files (rendered afresh on every start, so edits to the renderers
 * apply on the next `up`) and does its one-time initialisation.
 */
export async function prepareServer(
  server: ServerName,
  paths: StackPaths,
  tools: StackTools,
): Promise<void> {
  fs.mkdirSync(confDir(paths, server), { recursive: true });
  fs.mkdirSync(dataDir(paths, server), { recursive: true });
  if (server === 'kafka') await prepareKafka(paths, tools);
  if (server === 's3')
    fs.writeFileSync(
      s3ProxyPropertiesFile(paths),
      renderS3ProxyProperties({ baseDir: dataDir(paths, 's3') }),
    );
  if (server === 'redis')
    fs.writeFileSync(
      redisConfFile(paths),
      renderRedisConf({ dataDir: dataDir(paths, 'redis'), persistence: STACK_REDIS_PERSISTENCE }),
    );
  if (server === 'registry-proxy') prepareRegistryProxy(paths);
}

/**
 * The htpasswd file (a fresh salt each start) and nginx.conf. The htpasswd file is readable by
 * all: when the stack runs as root, nginx's workers run as `nobody` and must read it.
 */
function prepareRegistryProxy(paths: StackPaths): void {
  const files = registryProxyFiles(paths);
  const { username, password } = REGISTRY_PROXY;
  fs.writeFileSync(files.htpasswdFile, htpasswdLine(username, password, randomBytes(8)), {
    mode: 0o644,
  });
  fs.writeFileSync(registryProxyConfFile(paths), renderRegistryProxyConf(files));
}

/**
 * Deletes what a Redis working in `dir` would load at start (its AOF folder, and a snapshot or
 * single-file AOF an older configuration may have left), so it starts empty. Redis must not run.
 */
export function deleteRedisState(dir: string): void {
  for (const file of [REDIS_AOF_DIR, 'appendonly.aof', 'dump.rdb'])
    fs.rmSync(path.join(dir, file), { recursive: true, force: true });
}
