import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newClusterId, renderKafkaLog4j2, renderKafkaProperties } from './kafka.render';
import { renderRedisConf, renderS3ProxyProperties } from './server-config.render';
import type { StackTools } from './server.plans';
import {
  jvmFlags,
  kafkaCaFile,
  kafkaClasspath,
  kafkaLog4jFile,
  kafkaLogDir,
  kafkaKeystoreFile,
  kafkaPropertiesFile,
  redisConfFile,
  s3ProxyPropertiesFile,
} from './server.plans';
import { KAFKA_SECURE_LISTENER, STACK_HOST } from './stack.config';
import type { ServerName } from './stack.config';
import { StackError, oneLine } from './stack.error';
import type { StackPaths } from './stack.paths';
import { confDir, dataDir, logFile } from './stack.paths';

/** Runs a one-shot program, appending its output to the server's log; fails with `what`. */
function runLogged(
  paths: StackPaths,
  program: string,
  args: readonly string[],
  what: string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    execFile(program, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      fs.appendFileSync(logFile(paths, 'kafka'), `${stdout}${stderr}`);
      if (error)
        reject(new StackError('START_FAILED', `${what} failed: ${oneLine(stderr || error)}`));
      else resolve(stdout);
    });
  });
}

/** KRaft storage is formatted once; meta.properties marks a formatted log dir. */
async function formatKafkaStorage(paths: StackPaths, tools: StackTools): Promise<void> {
  if (fs.existsSync(path.join(kafkaLogDir(paths), 'meta.properties'))) return;
  const args = [
    ...jvmFlags('256m', { quickStart: true }),
    `-Dlog4j2.configurationFile=${kafkaLog4jFile(paths)}`,
    '-cp',
    kafkaClasspath(paths),
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    newClusterId((size) => randomBytes(size)),
    '--config',
    kafkaPropertiesFile(paths),
  ];
  const output = await runLogged(paths, tools.java, args, 'kafka storage format');
  if (!fs.existsSync(path.join(kafkaLogDir(paths), 'meta.properties'))) {
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
    paths,
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
    paths,
    keytool,
    ['-exportcert', '-rfc', ...store, '-storepass', password, '-file', ca],
    'keytool -exportcert',
  );
}

async function prepareKafka(paths: StackPaths, tools: StackTools): Promise<void> {
  fs.mkdirSync(kafkaLogDir(paths), { recursive: true });
  const input = {
    logDir: kafkaLogDir(paths),
    logFile: logFile(paths, 'kafka'),
    keystoreFile: kafkaKeystoreFile(paths),
  };
  fs.writeFileSync(kafkaPropertiesFile(paths), renderKafkaProperties(input));
  fs.writeFileSync(kafkaLog4jFile(paths), renderKafkaLog4j2(input));
  await ensureKafkaCertificate(paths, tools);
  await formatKafkaStorage(paths, tools);
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
  if (server === 'redis') {
    fs.writeFileSync(redisConfFile(paths), renderRedisConf({ dataDir: dataDir(paths, 'redis') }));
    // Redis loads a snapshot or append-only file it finds at start, even one left by a stack that
    // did persist: the state must start as empty as DynamoDB Local's (see renderRedisConf).
    for (const file of ['dump.rdb', 'appendonly.aof', 'appendonlydir'])
      fs.rmSync(path.join(dataDir(paths, 'redis'), file), { recursive: true, force: true });
  }
}
