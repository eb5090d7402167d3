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
 * How a Redis keeps its data. `aof` (the stack's own Redis, STACK_REDIS_PERSISTENCE): an
 * append-only file in `dir`, fsynced every second, so a restart keeps the feature state and a
 * crash loses at most about the last second of writes. `none`: nothing on disk, a restart starts
 * empty. Neither takes RDB snapshots (`save ""`).
 */
export type RedisPersistence = 'aof' | 'none';

/**
 * The stack's Redis persists, so a Redis restart keeps the windows, dedupe markers and waiting
 * labels. It must not outlive DynamoDB Local's in-memory tables, though: see planStackStart.
 */
export const STACK_REDIS_PERSISTENCE: RedisPersistence = 'aof';

/** The AOF's folder inside `dir` (Redis 7 keeps a manifest, a base and increments in it). */
export const REDIS_AOF_DIR = 'appendonlydir';

/**
 * A Redis of the stack's, next to (never instead of) a system Redis on 6379. Logs go to stdout,
 * which the launcher sends to the log file.
 */
export function renderRedisConf(input: {
  readonly dataDir: string;
  /** Default the stack's 6380; another port serves a scratch Redis (scratch-server.plans.ts). */
  readonly port?: number;
  /** Default `none`; the stack's own Redis is rendered with STACK_REDIS_PERSISTENCE. */
  readonly persistence?: RedisPersistence;
}): string {
  const quoted = JSON.stringify(input.dataDir);
  const persistence =
    input.persistence === 'aof'
      ? ['appendonly yes', 'appendfsync everysec', `appenddirname ${REDIS_AOF_DIR}`]
      : ['appendonly no'];
  return [
    `bind ${STACK_HOST}`,
    `port ${input.port ?? STACK_PORTS.redis}`,
    'protected-mode yes',
    'daemonize no',
    `dir ${quoted}`,
    ...persistence,
    'save ""',
    'logfile ""',
    '',
  ].join('\n');
}
