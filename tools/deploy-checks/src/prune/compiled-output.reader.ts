import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scanLoadedPackages } from './loaded-packages.scanner';
import type { LoadedPackages } from './loaded-packages.scanner';

/** Files a Node process may load at runtime; declarations, source maps and build info are not. */
const RUNTIME_FILE = /\.(?:js|cjs|mjs|json|node)$/;

/** Every runtime file under `<root>/<workspace>/dist`, relative to the root. */
export function runtimeFiles(root: string, workspace: string): string[] {
  const dist = join(root, workspace, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && RUNTIME_FILE.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** What the compiled output of one workspace package loads, all its files together. */
export function loadsOfCompiledOutput(root: string, workspace: string): LoadedPackages {
  const packages = new Set<string>();
  let computedLoads = 0;
  for (const file of runtimeFiles(root, workspace).filter((f) => /\.[cm]?js$/.test(f))) {
    const loads = scanLoadedPackages(readFileSync(join(root, file), 'utf8'));
    loads.packages.forEach((name) => packages.add(name));
    computedLoads += loads.computedLoads;
  }
  return { packages, computedLoads };
}
