/**
 * Validates Kubernetes objects against the Kubernetes and KEDA schemas (kubernetes-models and
 * @kubernetes-models/keda): reads a JSON array of objects on stdin, prints a JSON array of
 * problems ("Deployment/scoring: data/spec/replicas must be integer") on stdout.
 * Its own process because those packages are ES modules that Jest's CommonJS runtime cannot load.
 */
import { readFileSync } from 'node:fs';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

/** The module exporting the model class of an apiVersion (`apps/v1`, `v1`, `keda.sh/v1alpha1`). */
function modelModule(apiVersion: string, kind: string): string {
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

async function problemsOf(object: {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}) {
  const label = `${object.kind}/${object.metadata?.name ?? '?'}`;
  let Model: ModelClass | undefined;
  try {
    const loaded = (await import(modelModule(object.apiVersion, object.kind))) as Record<
      string,
      unknown
    >;
    Model = loaded[object.kind] as ModelClass | undefined;
  } catch {
    Model = undefined;
  }
  if (Model === undefined) return [`${label}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${label}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

async function main(): Promise<void> {
  const objects = JSON.parse(readFileSync(0, 'utf8')) as Parameters<typeof problemsOf>[0][];
  const problems = (await Promise.all(objects.map(problemsOf))).flat();
  process.stdout.write(JSON.stringify(problems));
}

void main();
