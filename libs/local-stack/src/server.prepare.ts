import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newClusterId, renderKafkaLog4j2, renderKafkaProperties } from './kafka.render';
import { renderRedisConf, renderS3ProxyProperties } from './server-config.render';
import type { StackTools } from './server.plans';
import {
  jvmFlags,
  kafkaClasspath,
  kafkaLog4jFile,
  kafkaLogDir,
  kafkaPropertiesFile,
  redisConfFile,
  s3ProxyPropertiesFile,
} from './server.plans';
import type { ServerName } from './stack.config';
import { StackError, oneLine } from './stack.error';
import type { StackPaths } from './stack.paths';
import { confDir, dataDir, logFile } from './stack.paths';

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
  const output = await new Promise<string>((resolve, reject) => {
    execFile(tools.java, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      fs.appendFileSync(logFile(paths, 'kafka'), `${stdout}${stderr}`);
      if (error)
        reject(
          new StackError(
            'START_FAILED',
            `kafka storage format failed: ${oneLine(stderr || error)}`,
          ),
        );
      else resolve(stdout);
    });
  });
  if (!fs.existsSync(path.join(kafkaLogDir(paths), 'meta.properties'))) {
    throw new StackError(
      'START_FAILED',
      `kafka storage format wrote no meta.properties: ${oneLine(output)}`,
    );
  }
}

async function prepareKafka(paths: StackPaths, tools: StackTools): Promise<void> {
  fs.mkdirSync(kafkaLogDir(paths), { recursive: true });
  const input = { logDir: kafkaLogDir(paths), logFile: logFile(paths, 'kafka') };
  fs.writeFileSync(kafkaPropertiesFile(paths), renderKafkaProperties(input));
  fs.writeFileSync(kafkaLog4jFile(paths), renderKafkaLog4j2(input));
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
  if (server === 'redis')
    fs.writeFileSync(redisConfFile(paths), renderRedisConf({ dataDir: dataDir(paths, 'redis') }));
}
