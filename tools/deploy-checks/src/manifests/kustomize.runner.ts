import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../workspace/workspace.paths';
import { isK8sObject } from './k8s-object.model';
import type { K8sObject } from './k8s-object.model';

/** What `kubectl kustomize` made of a directory, or why it could not. */
export type Rendered =
  | { readonly ok: true; readonly objects: readonly K8sObject[] }
  | { readonly ok: false; readonly error: string };

/**
 * Renders a kustomization (`k8s/overlays/prod`) with kubectl's built-in kustomize, the one
 * `kubectl apply -k` uses, so what is checked is what would be applied.
 */
export function renderKustomization(dir: string): Rendered {
  const result = spawnSync('kubectl', ['kustomize', join(ROOT, dir)], {
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  if (result.error)
    return {
      ok: false,
      error: `kubectl could not run (${result.error.message}): install it (Debian package kubectl)`,
    };
  if (result.status !== 0)
    return { ok: false, error: `kubectl kustomize ${dir} failed: ${result.stderr.trim()}` };
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(result.stdout)) {
    const value: unknown = doc.toJS();
    if (!isK8sObject(value))
      return { ok: false, error: `${dir} renders a document that is not an object` };
    objects.push(value);
  }
  return { ok: true, objects };
}
