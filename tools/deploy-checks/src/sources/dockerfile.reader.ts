/** One instruction of a Dockerfile: its keyword (upper case) and its arguments as written. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  /** The image the stage starts from. */
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/**
 * The stages of a Dockerfile, with continuation lines joined and comments dropped. Enough for
 * the policy checks: it does not expand ARGs or here-documents.
 */
export function readDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const stages: { from: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const space = line.search(/\s/);
    const keyword = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const args = space === -1 ? '' : line.slice(space + 1).trim();
    if (keyword === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else stages[stages.length - 1]?.instructions.push({ keyword, args });
  }
  return stages;
}

/** The arguments of an exec-form instruction (`CMD ["node", "x.js"]`), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}
