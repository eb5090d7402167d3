import { createHash } from 'node:crypto';
import { htpasswdLine, renderRegistryProxyConf } from './registry-proxy.render';

const files = {
  htpasswdFile: '/repo/.stack/conf/registry-proxy/htpasswd',
  nginxPidFile: '/repo/.stack/data/registry-proxy/nginx.pid',
  logFile: '/repo/.stack/logs/registry-proxy.log',
  tempDir: '/repo/.stack/data/registry-proxy',
};

describe('htpasswdLine', () => {
  it('writes a salted SHA-1 entry nginx verifies: sha1(password + salt) followed by the salt', () => {
    const salt = Buffer.from('0123456789abcdef', 'hex');
    const line = htpasswdLine('alice', 'secret', salt);
    const [user, hash] = line.trimEnd().split(':');
    expect(user).toBe('alice');
    const raw = Buffer.from((hash ?? '').replace('{SSHA}', ''), 'base64');
    expect(raw.subarray(20)).toEqual(salt);
    expect(raw.subarray(0, 20)).toEqual(createHash('sha1').update('secret').update(salt).digest());
  });

  it('refuses a user name nginx would split', () => {
    expect(() => htpasswdLine('a:b', 'secret', Buffer.alloc(8))).toThrow(/cannot hold ":"/);
  });
});

describe('renderRegistryProxyConf', () => {
  const conf = renderRegistryProxyConf(files);

  it('requires basic auth on every path and proxies to the registry without passing the credentials on', () => {
    expect(conf).toContain(`auth_basic_user_file ${files.htpasswdFile};`);
    expect(conf).toContain('proxy_pass http://127.0.0.1:8081;');
    expect(conf).toContain('proxy_set_header Authorization "";');
    expect(conf).toContain('listen 127.0.0.1:8082;');
  });

  it('writes nothing outside the stack folder and stays in the foreground', () => {
    expect(conf).toContain('daemon off;');
    const paths = [...conf.matchAll(/(?:^|\s)(\/\S+?);/gm)].map((match) => match[1] ?? '');
    expect(paths.length).toBeGreaterThan(5);
    for (const file of paths) expect(file.startsWith('/repo/.stack/')).toBe(true);
  });
});
