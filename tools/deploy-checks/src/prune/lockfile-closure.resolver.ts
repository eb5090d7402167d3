import type { LockEntry } from './lockfile.model';

type Packages = Readonly<Record<string, LockEntry>>;

/** A package some code needs, looked up the way Node would from `from` (a lock path, '' = root). */
export interface PackageNeed {
  readonly from: string;
  readonly name: string;
}

export interface Closure {
  /** Lock paths (`node_modules/a`, `node_modules/a/node_modules/b`) of every package needed. */
  readonly paths: ReadonlySet<string>;
  /** Needs that resolve to nothing in the lock: the prune must stop. */
  readonly missing: readonly string[];
}

/**
 * Where npm's layout puts `name` for the package installed at `from`: its own node_modules,
 * then each enclosing node_modules up to the root's, exactly Node's lookup order.
 */
export function locatePackage(packages: Packages, from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

function needsOf(path: string, entry: LockEntry): Array<PackageNeed & { optional: boolean }> {
  const needs = [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    // An optional peer is only there when something else asked for it: not a need of its own.
    ...Object.keys(entry.peerDependencies ?? {})
      .filter((name) => entry.peerDependenciesMeta?.[name]?.optional !== true)
      .map((name) => ({ name, optional: false })),
  ];
  return needs.map((need) => ({ ...need, from: path }));
}

/** Every installed package the given needs pull in, following dependencies transitively. */
export function resolveClosure(packages: Packages, roots: readonly PackageNeed[]): Closure {
  const paths = new Set<string>();
  const missing: string[] = [];
  const queue = roots.map((root) => ({ ...root, optional: false }));
  for (let need = queue.shift(); need !== undefined; need = queue.shift()) {
    const path = locatePackage(packages, need.from, need.name);
    if (path === undefined) {
      if (!need.optional) missing.push(`${need.name} (needed by ${need.from || 'the root'})`);
      continue;
    }
    if (paths.has(path)) continue;
    const entry = packages[path] as LockEntry;
    if (entry.link === true) {
      missing.push(`${need.name} resolves to the workspace package ${entry.resolved ?? path}`);
      continue;
    }
    paths.add(path);
    queue.push(...needsOf(path, entry));
  }
  return { paths, missing };
}
