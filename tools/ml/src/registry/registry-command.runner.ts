import { readModelDirectory } from '@rtml/model-registry';
import type { ModelManifest, ModelRegistry } from '@rtml/model-registry';
import type { PromotionCondition, RegistryCommand } from './registry-args.parser';
import { formatListing, formatManifest, formatPromotion } from './registry-output.format';

/** What a command prints: lines for people, then one JSON object for scripts. */
export interface CommandOutcome {
  readonly lines: readonly string[];
  readonly result: Readonly<Record<string, unknown>>;
  /** Set when the command ran but refused what was asked (a promotion without evidence). */
  readonly refused?: string;
}

/** The verdict on promoting `version` of `name` to champion under a condition, with its reasons. */
export interface PromotionVerdict {
  readonly promote: boolean;
  readonly reason: string;
  /** What the verdict rests on, for people. */
  readonly lines: readonly string[];
  /** The same, for scripts. */
  readonly evidence: Readonly<Record<string, unknown>>;
}

export type PromotionJudge = (
  name: string,
  version: string,
  condition: PromotionCondition,
) => Promise<PromotionVerdict>;

type Runnable = Exclude<RegistryCommand, { command: 'help' }>;
type Of<C extends Runnable['command']> = Extract<Runnable, { command: C }>;

/** Runs one parsed command against a registry. Knows nothing about S3, flags or exit codes. */
export function runRegistryCommand(
  command: Runnable,
  registry: ModelRegistry,
  bucket: string,
  judge?: PromotionJudge,
): Promise<CommandOutcome> {
  switch (command.command) {
    case 'publish':
      return publish(command, registry, bucket);
    case 'promote':
      return promote(command, registry, judge);
    case 'clear':
      return clear(command, registry);
    case 'list':
      return list(command, registry, bucket);
    case 'show':
      return show(command, registry);
  }
}

async function publish(command: Of<'publish'>, registry: ModelRegistry, bucket: string) {
  const { name } = command;
  const artifact = await readModelDirectory(command.dir);
  const { version, sha256 } = await registry.publish({
    name,
    version: command.version,
    ...artifact,
  });
  return {
    lines: [
      `published ${name} version ${version} to s3://${bucket}/models/${name}/${version}/ (sha256 ${sha256})`,
    ],
    result: { command: 'publish', name, version, sha256, bucket },
  };
}

async function promote(
  command: Of<'promote'>,
  registry: ModelRegistry,
  judge: PromotionJudge | undefined,
): Promise<CommandOutcome> {
  const { name, ifBetter } = command;
  const version =
    command.version ?? (await registry.resolveAlias(name, 'challenger')).pointer.version;
  const lines: string[] = [];
  let evidence: Readonly<Record<string, unknown>> | undefined;
  if (ifBetter !== undefined) {
    if (judge === undefined) throw new Error('promote --if-better needs the evidence of a judge');
    const verdict = await judge(name, version, ifBetter);
    lines.push(...verdict.lines, verdict.reason);
    evidence = verdict.evidence;
    if (!verdict.promote)
      return {
        lines,
        result: {
          command: 'promote',
          name,
          version,
          promoted: false,
          reason: verdict.reason,
          evidence,
        },
        refused: `version ${version} of ${name} not promoted: ${verdict.reason}`,
      };
  }
  const { pointer, changed } = await registry.promote(name, version, command.alias);
  lines.push(
    changed
      ? formatPromotion(name, pointer)
      : `${pointer.alias} of ${name} already is version ${pointer.version}; nothing changed`,
  );
  return {
    lines,
    result: {
      command: 'promote',
      name,
      changed,
      ...pointer,
      ...(evidence === undefined ? {} : { promoted: true, evidence }),
    },
  };
}

async function clear(command: Of<'clear'>, registry: ModelRegistry) {
  const { name, alias } = command;
  const { previous } = await registry.clearAlias(name, alias);
  const line =
    previous === null
      ? `${name} has no ${alias}; nothing to clear`
      : `cleared the ${alias} of ${name} (was version ${previous})`;
  return { lines: [line], result: { command: 'clear', name, alias, previous } };
}

async function list(command: Of<'list'>, registry: ModelRegistry, bucket: string) {
  const listing = await registry.listVersions(command.name);
  return { lines: formatListing(listing, bucket), result: { command: 'list', ...listing } };
}

async function show(command: Of<'show'>, registry: ModelRegistry): Promise<CommandOutcome> {
  const { name, target } = command;
  const lines: string[] = [];
  let manifest: ModelManifest;
  if (target.alias !== undefined) {
    const { pointer } = await registry.resolveAlias(name, target.alias);
    lines.push(
      `${target.alias} of ${name} -> version ${pointer.version}, promoted ${pointer.promotedAt}`,
    );
    manifest = await registry.getManifest(name, pointer.version);
  } else {
    manifest = await registry.getManifest(name, target.version);
  }
  lines.push(...formatManifest(manifest));
  return { lines, result: { command: 'show', alias: target.alias ?? null, manifest } };
}
