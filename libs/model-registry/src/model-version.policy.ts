/**
 * Version names. They start with a digit so they can never collide with the `aliases/` folder
 * beside them; the default is the next integer. Integers have no leading zero, so "7" and "07"
 * cannot both exist and mean the same thing to a reader.
 */
export const VERSION_PATTERN = /^\d[0-9A-Za-z._-]{0,63}$/;

const INTEGER_VERSION = /^[1-9]\d{0,14}$/;

export function isValidVersion(version: string): boolean {
  if (!VERSION_PATTERN.test(version)) return false;
  // All-digit versions must be canonical positive integers ("07" would shadow "7").
  return !/^\d+$/.test(version) || INTEGER_VERSION.test(version);
}

/** One above the highest integer version; "1" for the first. Non-integer versions are skipped. */
export function nextVersion(existing: readonly string[]): string {
  const highest = existing
    .filter((version) => INTEGER_VERSION.test(version))
    .reduce((max, version) => Math.max(max, Number(version)), 0);
  return String(highest + 1);
}

const collator = new Intl.Collator('en', { numeric: true });

/** Natural order: "2" before "10", "3" before "3-hotfix". */
export const compareVersions = (a: string, b: string): number => collator.compare(a, b);
