import { createHash } from 'node:crypto';
import { STACK_HOST, STACK_PORTS } from './stack.config';

/** Where the registry proxy's nginx keeps its files, all inside the stack folder. */
export interface RegistryProxyFiles {
  readonly htpasswdFile: string;
  /** nginx's own pid file (the stack's pid file is written by the launcher). */
  readonly nginxPidFile: string;
  /** Error and access log: the stack's log file of the server. */
  readonly logFile: string;
  /** Parent of nginx's temporary folders (request bodies, proxied responses). */
  readonly tempDir: string;
}

/**
 * One htpasswd line in nginx's salted-SHA-1 scheme (`{SSHA}` base64(sha1(password + salt) +
 * salt)), written from Node so the stack needs no htpasswd or openssl binary. Good enough for a
 * loopback proxy with local-only credentials; production registries use their own auth.
 */
export function htpasswdLine(username: string, password: string, salt: Uint8Array): string {
  if (username.includes(':')) throw new Error('an htpasswd user name cannot hold ":"');
  const digest = createHash('sha1').update(password).update(salt).digest();
  return `${username}:{SSHA}${Buffer.concat([digest, salt]).toString('base64')}\n`;
}

/**
 * nginx in the foreground (the launcher tracks its master process), one worker, no root needed:
 * every path it writes is under the stack folder and it listens on an unprivileged loopback port.
 * Every request needs the basic credentials; the Authorization header is not passed on, so
 * Apicurio (open, OIDC off) sees what it always sees. Bodies up to 8 MiB: schemas are small, but
 * a registry refusing a large one should say so itself.
 */
export function renderRegistryProxyConf(files: RegistryProxyFiles): string {
  const temp = (name: string): string => `${files.tempDir}/${name}`;
  return `# Rendered by libs/local-stack on every start: edit registry-proxy.render.ts instead.
daemon off;
worker_processes 1;
pid ${files.nginxPidFile};
error_log ${files.logFile} notice;

events {
  worker_connections 256;
}

http {
  access_log ${files.logFile};
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  client_max_body_size 8m;

  server {
    listen ${STACK_HOST}:${STACK_PORTS.registryProxy};
    location / {
      auth_basic "rtml schema registry";
      auth_basic_user_file ${files.htpasswdFile};
      proxy_pass http://${STACK_HOST}:${STACK_PORTS.registry};
      proxy_set_header Authorization "";
      proxy_set_header Host $host:$server_port;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
}
