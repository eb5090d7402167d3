import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../workspace/workspace.paths';
import type { K8sObject } from './k8s-object.model';

/**
 * Validates objects against the Kubernetes and KEDA schemas in a child Node process (see
 * schema-validate.cli.ts) and returns one line per problem, naming the object.
 */
export function schemaProblems(objects: readonly K8sObject[]): string[] {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tools/deploy-checks/src/manifests/schema-validate.cli.ts')],
    { cwd: ROOT, input: JSON.stringify(objects), encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
  );
  if (child.status !== 0) return [`schema validation did not run: ${child.stderr.trim()}`];
  return JSON.parse(child.stdout) as string[];
}
