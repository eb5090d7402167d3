/**
 * Assembles the runtime of one service for its image, from a workspace where `npm ci` and the
 * service's build have run (the Dockerfiles' build stage, or your checkout):
 *   node --conditions=@rtml/source --import tsx tools/deploy-checks/src/prune/deploy-prune.cli.ts ingest /out
 * `/out` then holds package.json + package-lock.json (pruned), the compiled service and the
 * compiled workspace libraries it loads, and only the third-party packages those load.
 * Run it with `node services/<service>/dist/main.js` from `/out`. Exits 1 listing every problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadsOfCompiledOutput } from './compiled-output.reader';
import { buildDeployPlan } from './deploy-plan.builder';
import type { RootManifest } from './deploy-plan.builder';
import { writeDeployOutput } from './deploy-output.writer';
import type { Lockfile } from './lockfile.model';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

function main(argv: readonly string[]): number {
  const [service, outArg] = argv;
  if (service === undefined || outArg === undefined || !/^[a-z][a-z0-9-]*$/.test(service)) {
    console.error('usage: deploy-prune <service> <empty output directory>');
    return 2;
  }
  const workspace = `services/${service}`;
  if (!existsSync(join(ROOT, workspace, 'dist', 'main.js'))) {
    console.error(
      `${workspace}/dist/main.js is missing: build first (npx nx run ${service}:build)`,
    );
    return 1;
  }
  const readJson = <T>(file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;
  const plan = buildDeployPlan({
    service: workspace,
    lockfile: readJson<Lockfile>('package-lock.json'),
    rootManifest: readJson<RootManifest>('package.json'),
    loadsOf: (path) => loadsOfCompiledOutput(ROOT, path),
  });
  const out = resolve(outArg);
  const problems = plan.problems.length > 0 ? plan.problems : writeDeployOutput(ROOT, plan, out);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`deploy-prune ${service}: ${problem}`);
    return 1;
  }
  console.log(
    `deploy-prune ${service}: ${plan.workspaces.length} workspace packages ` +
      `(${plan.workspaces.join(', ')}), ${plan.packages.length} third-party packages -> ${out}`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
