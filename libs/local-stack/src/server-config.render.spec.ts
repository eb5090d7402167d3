import {
  STACK_REDIS_PERSISTENCE,
  renderRedisConf,
  renderS3ProxyProperties,
} from './server-config.render';

describe('renderS3ProxyProperties', () => {
  const text = renderS3ProxyProperties({ baseDir: '/repo/.stack/data/s3' });

  it('verifies AWS v2 or v4 signatures with the stack credentials', () => {
    expect(text).toContain('s3proxy.authorization=aws-v2-or-v4\n');
    expect(text).toContain('s3proxy.identity=rtml\n');
    expect(text).toContain('s3proxy.credential=rtml-secret-key\n');
  });

  it('serves path-style only, from the filesystem backend under the data folder', () => {
    expect(text).toContain('s3proxy.virtual-host=\n');
    expect(text).toContain('s3proxy.endpoint=http://127.0.0.1:9000\n');
    expect(text).toContain('jclouds.provider=filesystem\n');
    expect(text).toContain('jclouds.filesystem.basedir=/repo/.stack/data/s3\n');
  });
});

describe('renderRedisConf', () => {
  const lines = renderRedisConf({ dataDir: '/repo with space/.stack/data/redis' }).split('\n');

  it('listens on loopback port 6380, in the foreground', () => {
    expect(lines).toEqual(expect.arrayContaining(['bind 127.0.0.1', 'port 6380', 'daemonize no']));
  });

  it('listens on another port when asked (a scratch Redis beside the stack)', () => {
    expect(renderRedisConf({ dataDir: '/d', port: 41003 }).split('\n')).toContain('port 41003');
  });

  it("renders the stack's own Redis with an append-only file fsynced every second, and no snapshots", () => {
    const stack = renderRedisConf({ dataDir: '/d', persistence: STACK_REDIS_PERSISTENCE });
    expect(stack.split('\n')).toEqual(
      expect.arrayContaining([
        'appendonly yes',
        'appendfsync everysec',
        'appenddirname appendonlydir',
        'save ""',
      ]),
    );
    expect(stack).not.toContain('appendonly no');
  });

  it('by default keeps nothing on disk, working in its own quoted data folder', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        'appendonly no',
        'save ""',
        'dir "/repo with space/.stack/data/redis"',
      ]),
    );
  });
});
