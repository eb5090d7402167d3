import { S3_CREDENTIALS, STACK_HOST, STACK_PORTS } from './stack.config';

/**
 * S3Proxy on the jclouds filesystem backend. aws-v2-or-v4 makes it verify real SigV4 signatures
 * from the AWS SDK; an empty virtual-host keeps it path-style only (clients set forcePathStyle).
 */
export function renderS3ProxyProperties(input: { readonly baseDir: string }): string {
  const settings: Array<[string, string]> = [
    ['s3proxy.endpoint', `http://${STACK_HOST}:${STACK_PORTS.s3}`],
    ['s3proxy.authorization', 'aws-v2-or-v4'],
    ['s3proxy.identity', S3_CREDENTIALS.accessKeyId],
    ['s3proxy.credential', S3_CREDENTIALS.secretAccessKey],
    ['s3proxy.virtual-host', ''],
    ['jclouds.provider', 'filesystem'],
    ['jclouds.filesystem.basedir', input.baseDir],
  ];
  return settings.map(([key, value]) => `${key}=${value}`).join('\n') + '\n';
}

/**
 * The stack's own Redis, next to (never instead of) a system Redis on 6379. It keeps nothing on
 * disk, like DynamoDB Local in memory: `infra:down` forgets the feature state together with the
 * stored predictions. A Redis that remembered would recognise a replayed event as a duplicate
 * while its prediction was gone, and the replay would wait for an outcome that never comes.
 * Logs go to stdout, which the launcher sends to the log file.
 */
export function renderRedisConf(input: { readonly dataDir: string }): string {
  const quoted = JSON.stringify(input.dataDir);
  return [
    `bind ${STACK_HOST}`,
    `port ${STACK_PORTS.redis}`,
    'protected-mode yes',
    'daemonize no',
    `dir ${quoted}`,
    'appendonly no',
    'save ""',
    'logfile ""',
    '',
  ].join('\n');
}
