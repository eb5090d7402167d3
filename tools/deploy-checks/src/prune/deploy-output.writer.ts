import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runtimeFiles } from './compiled-output.reader';
import type { DeployPlan } from './deploy-plan.builder';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Prebuilt native binaries laid out per platform (onnxruntime-node ships every OS and CPU, about
 * 240 MB the image never loads). Only this process's platform is kept: the Dockerfiles run the
 * prune inside the target image, so that is the platform the service runs on.
 */
const PREBUILT_FOR = /\/bin\/napi-v\d+\/([^/]+)\/([^/]+)(?:\/|$)/;

const forAnotherPlatform = (file: string): boolean => {
  const match = PREBUILT_FOR.exec(file);
  return match !== null && (match[1] !== process.platform || match[2] !== process.arch);
};

/**
 * Writes a plan into `out` (which must be empty or absent): the workspace packages' manifests
 * and compiled output, npm's links to them, the third-party packages copied from the
 * workspace's installed node_modules (the same files the tests ran), and the pruned
 * package.json and package-lock.json. Returns the problems met (a package missing on disk).
 */
export function writeDeployOutput(root: string, plan: DeployPlan, out: string): string[] {
  if (existsSync(out) && readdirSync(out).length > 0)
    return [`${out} is not empty: give the prune an empty or missing directory`];
  mkdirSync(out, { recursive: true });
  for (const workspace of plan.workspaces) {
    copyFile(root, join(workspace, 'package.json'), out);
    for (const file of runtimeFiles(root, workspace)) copyFile(root, file, out);
  }
  for (const [link, target] of Object.entries(plan.links)) {
    mkdirSync(dirname(join(out, link)), { recursive: true });
    symlinkSync(relative(dirname(join(out, link)), join(out, target)), join(out, link));
  }
  const problems: string[] = [];
  for (const path of plan.packages) {
    const source = join(root, path);
    if (!existsSync(source)) {
      // Optional packages for other platforms are in the lockfile but were never installed.
      if (plan.lockfile.packages[path]?.optional !== true)
        problems.push(`${path} is in the lockfile but not installed: run npm ci first`);
      continue;
    }
    const nested = join(source, 'node_modules');
    cpSync(source, join(out, path), {
      recursive: true,
      verbatimSymlinks: true,
      // Nested packages are entries of their own, copied only when the plan needs them.
      filter: (file) =>
        file !== nested && !file.startsWith(`${nested}/`) && !forAnotherPlatform(file),
    });
  }
  writeFileSync(join(out, 'package.json'), json(plan.manifest));
  writeFileSync(join(out, 'package-lock.json'), json(plan.lockfile));
  return problems;
}

function copyFile(root: string, file: string, out: string): void {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  cpSync(join(root, file), join(out, file));
}
