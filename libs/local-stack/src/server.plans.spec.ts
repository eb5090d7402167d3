import { launchPlan } from './server.plans';
import type { StackPaths } from './stack.paths';

const paths: StackPaths = {
  root: '/repo/.stack',
  artifacts: '/repo/.stack/artifacts',
  conf: '/repo/.stack/conf',
  data: '/repo/.stack/data',
  logs: '/repo/.stack/logs',
  run: '/repo/.stack/run',
  pom: '/repo/libs/local-stack/maven/pom.xml',
};
const tools = {
  java: '/usr/bin/java',
  redisServer: '/usr/bin/redis-server',
  nginx: '/usr/sbin/nginx',
};

describe('launchPlan', () => {
  it('runs Kafka from the fetched classpath with its rendered config and log4j2 file', () => {
    const plan = launchPlan('kafka', paths, tools);
    expect(plan.command).toBe('/usr/bin/java');
    expect(plan.args.slice(-4)).toEqual([
      '-cp',
      '/repo/.stack/artifacts/kafka/*',
      'kafka.Kafka',
      '/repo/.stack/conf/kafka/server.properties',
    ]);
    expect(plan.args).toEqual(
      expect.arrayContaining([
        '-Xmx768m',
        '-Dlog4j2.configurationFile=/repo/.stack/conf/kafka/log4j2.xml',
      ]),
    );
  });

  it('keeps the registry on an H2 file under the data folder, so schema ids survive restarts', () => {
    const args = launchPlan('registry', paths, tools).args;
    expect(args).toEqual(
      expect.arrayContaining([
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.datasource.url=jdbc:h2:file:/repo/.stack/data/registry/registry',
        '-Dquarkus.http.port=8081',
        '-Xmx512m',
      ]),
    );
  });

  it('runs DynamoDB Local on one shared in-memory database without telemetry', () => {
    const args = launchPlan('dynamodb', paths, tools).args;
    expect(args).toEqual(
      expect.arrayContaining([
        '-sharedDb',
        '-inMemory',
        '-disableTelemetry',
        '-Djava.library.path=/repo/.stack/artifacts/dynamodb/native',
      ]),
    );
    expect(args).not.toContain('-dbPath');
  });

  it('runs S3Proxy and redis-server from their rendered config files', () => {
    expect(launchPlan('s3', paths, tools).args.slice(-2)).toEqual([
      '--properties',
      '/repo/.stack/conf/s3/s3proxy.properties',
    ]);
    expect(launchPlan('redis', paths, tools)).toMatchObject({
      command: '/usr/bin/redis-server',
      args: ['/repo/.stack/conf/redis/redis.conf'],
    });
  });

  it('runs nginx for the registry proxy with its prefix, error log and config in the stack folder', () => {
    expect(launchPlan('registry-proxy', paths, tools)).toEqual({
      command: '/usr/sbin/nginx',
      args: [
        '-p',
        '/repo/.stack/conf/registry-proxy',
        '-e',
        '/repo/.stack/logs/registry-proxy.log',
        '-c',
        '/repo/.stack/conf/registry-proxy/nginx.conf',
      ],
      cwd: '/repo/.stack/conf/registry-proxy',
    });
  });
});
