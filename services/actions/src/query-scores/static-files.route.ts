import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: Buffer | string): unknown;
}

/** The one thing needed from the HTTP adapter: adding a GET route. */
export interface RouteAdder {
  get(path: string, handler: (request: { params: unknown }, reply: Reply) => unknown): unknown;
}

/**
 * Serves the files directly inside `root` under `<prefix>/<file name>`: a stand-in for
 * @fastify/static, which Swagger UI's assets would otherwise need. That plugin pulls in an
 * ES-module-only dependency that Jest's CommonJS runtime cannot load, and Nest exits the process
 * when it cannot load it. Only names listed in `root` at start are served (no paths, so no
 * traversal); files are read on first use and kept.
 */
export function serveDirectory(adapter: RouteAdder, prefix: string, root: string): void {
  const names = new Set(readdirSync(root));
  const cache = new Map<string, Promise<Buffer>>();
  adapter.get(`${prefix}/:file`, async (request, reply) => {
    const file = (request.params as { file?: unknown }).file;
    if (typeof file !== 'string' || !names.has(file))
      return reply
        .status(404)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ code: 'NOT_FOUND', message: `no file ${String(file)}` }));
    const content = cache.get(file) ?? readFile(join(root, file));
    cache.set(file, content);
    return reply
      .header('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=3600')
      .send(await content);
  });
}
