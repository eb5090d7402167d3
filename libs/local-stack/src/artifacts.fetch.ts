import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerName } from './stack.config';
import { ARTIFACT_VERSIONS } from './stack.config';
import { StackError } from './stack.error';
import type { StackPaths } from './stack.paths';
import { ensureStackDirs, stackPaths } from './stack.paths';
import { requireJava, requireTool } from './tools.preflight';

/** A module of libs/local-stack/maven, fetched into <artifacts>/<module>. */
export type ArtifactModule = keyof typeof ARTIFACT_VERSIONS;

/** Which artifacts each server runs from (redis-server comes from Debian, not Maven). */
export const SERVER_ARTIFACT: Readonly<Record<ServerName, ArtifactModule | undefined>> = {
  kafka: 'kafka',
  registry: 'registry',
  'registry-proxy': undefined,
  dynamodb: 'dynamodb',
  s3: 's3proxy',
  redis: undefined,
};

/** Written after a complete fetch; a folder without a matching stamp is fetched again, from empty. */
const STAMP = '.fetched';

/** The -D property each version is passed as (the pom's own defaults match stack.config.ts). */
const VERSION_PROPERTY: Readonly<Record<ArtifactModule, string>> = {
  kafka: 'kafka.version',
  registry: 'apicurio.version',
  dynamodb: 'dynamodb.local.version',
  s3proxy: 's3proxy.version',
};

export const artifactDir = (paths: StackPaths, module: ArtifactModule): string =>
  path.join(paths.artifacts, module);

export function isFetched(paths: StackPaths, module: ArtifactModule): boolean {
  try {
    return (
      fs.readFileSync(path.join(artifactDir(paths, module), STAMP), 'utf8').trim() ===
      ARTIFACT_VERSIONS[module]
    );
  } catch {
    return false;
  }
}

export function missingArtifacts(
  paths: StackPaths,
  modules: readonly ArtifactModule[],
): ArtifactModule[] {
  return modules.filter((module) => !isFetched(paths, module));
}

/** The Maven command line that fetches exactly `modules`. */
export function mavenArgs(paths: StackPaths, modules: readonly ArtifactModule[]): string[] {
  const versions = modules.map(
    (module) => `-D${VERSION_PROPERTY[module]}=${ARTIFACT_VERSIONS[module]}`,
  );
  return [
    '-q',
    '-B',
    '-f',
    paths.pom,
    'package',
    '-pl',
    modules.join(','),
    `-Dstack.artifacts=${paths.artifacts}`,
    ...versions,
  ];
}

/** The first Maven [ERROR] line of a failed run (batch mode: no colour codes), without the prefix. */
export function firstMavenError(output: string): string | undefined {
  const line = output.split('\n').find((candidate) => candidate.includes('[ERROR]'));
  return line?.replace(/^.*?\[ERROR\]\s*/, '').trim();
}

function runMaven(
  mvn: string,
  args: readonly string[],
  logPath: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(mvn, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8');
      fs.writeFileSync(logPath, `$ ${mvn} ${args.join(' ')}\n${output}`);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Fetches the modules that are missing or of another version; returns the ones it fetched. */
export async function fetchArtifacts(
  paths: StackPaths,
  modules: readonly ArtifactModule[],
  mvn: string,
): Promise<ArtifactModule[]> {
  const missing = missingArtifacts(paths, modules);
  if (missing.length === 0) return [];
  // Start from empty folders: stale jars of another version would end up on the classpath.
  for (const module of missing)
    fs.rmSync(artifactDir(paths, module), { recursive: true, force: true });
  const logPath = path.join(paths.logs, 'fetch.log');
  const { code, output } = await runMaven(mvn, mavenArgs(paths, missing), logPath);
  if (code !== 0) {
    const cause = firstMavenError(output) ?? 'no [ERROR] line';
    throw new StackError(
      'FETCH_FAILED',
      `maven fetch of ${missing.join(', ')} failed (exit ${code}): ${cause} (full output: ${logPath})`,
    );
  }
  for (const module of missing)
    fs.writeFileSync(
      path.join(artifactDir(paths, module), STAMP),
      `${ARTIFACT_VERSIONS[module]}\n`,
    );
  return missing;
}

/** `fetch`: makes every module present, running Maven only when something is missing. */
export async function ensureArtifacts(
  options: { readonly paths?: StackPaths } = {},
): Promise<ArtifactModule[]> {
  const paths = options.paths ?? stackPaths();
  ensureStackDirs(paths);
  const modules = Object.keys(ARTIFACT_VERSIONS) as ArtifactModule[];
  if (missingArtifacts(paths, modules).length === 0) return [];
  await requireJava();
  return fetchArtifacts(paths, modules, requireTool('mvn'));
}
