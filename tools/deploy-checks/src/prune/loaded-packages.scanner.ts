import { isBuiltin } from 'node:module';

/** `require("x")` and `import("x")` with a literal specifier, as tsc emits them. */
const LITERAL_LOAD = /\b(?:require|import)\(\s*(['"])([^'"\n]+)\1\s*\)/g;
/** A `require(` or `import(` whose argument is not a string literal: its target is unknowable. */
const COMPUTED_LOAD = /\b(?:require|import)\(\s*(?!['"\s)])/g;

export interface LoadedPackages {
  /** Package names (`kafkajs`, `@nestjs/core`), without builtins or relative paths. */
  readonly packages: ReadonlySet<string>;
  /** How many loads have a computed specifier (a prune cannot follow those). */
  readonly computedLoads: number;
}

/** The package a specifier loads from: `@scope/name` or `name`; undefined for files and builtins. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages a compiled CommonJS file loads. Reading the build output, not the sources or the
 * package.json files, is what makes the prune honest: type-only imports are gone, and a
 * dependency nobody declared still shows up.
 */
export function scanLoadedPackages(compiled: string): LoadedPackages {
  const packages = new Set<string>();
  for (const match of compiled.matchAll(LITERAL_LOAD)) {
    const name = packageOfSpecifier(match[2] as string);
    if (name !== undefined) packages.add(name);
  }
  return { packages, computedLoads: [...compiled.matchAll(COMPUTED_LOAD)].length };
}
