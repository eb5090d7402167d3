import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerName } from './stack.config';

/** Where the stack keeps everything it fetches, writes and runs; all of it is git-ignored. */
export interface StackPaths {
  readonly root: string;
  readonly artifacts: string;
  readonly conf: string;
  readonly data: string;
  readonly logs: string;
  readonly run: string;
  readonly pom: string;
}

/** The Maven aggregator that fetches the artifacts (src/ and dist/ both sit next to maven/). */
const POM = path.resolve(__dirname, '..', 'maven', 'pom.xml');

/** Walks up from `start` to the Nx workspace root (the folder holding nx.json). */
export function findWorkspaceRoot(
  start: string,
  exists: (file: string) => boolean = fs.existsSync,
): string {
  let dir = path.resolve(start);
  for (;;) {
    if (exists(path.join(dir, 'nx.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** `RTML_STACK_DIR` moves the whole stack folder (default `<workspace>/.stack`). */
export function stackPaths(env: NodeJS.ProcessEnv = process.env): StackPaths {
  const root = env['RTML_STACK_DIR'] ?? path.join(findWorkspaceRoot(__dirname), '.stack');
  return Object.freeze({
    root,
    artifacts: path.join(root, 'artifacts'),
    conf: path.join(root, 'conf'),
    data: path.join(root, 'data'),
    logs: path.join(root, 'logs'),
    run: path.join(root, 'run'),
    pom: POM,
  });
}

export const dataDir = (paths: StackPaths, server: ServerName): string =>
  path.join(paths.data, server);
export const confDir = (paths: StackPaths, server: ServerName): string =>
  path.join(paths.conf, server);
export const logFile = (paths: StackPaths, server: ServerName): string =>
  path.join(paths.logs, `${server}.log`);
export const pidFile = (paths: StackPaths, server: ServerName): string =>
  path.join(paths.run, `${server}.pid`);

/** Creates the folders and a self-ignoring .gitignore, so the stack stays out of git anywhere. */
export function ensureStackDirs(paths: StackPaths): void {
  for (const dir of [paths.artifacts, paths.conf, paths.data, paths.logs, paths.run]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const ignore = path.join(paths.root, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
}
