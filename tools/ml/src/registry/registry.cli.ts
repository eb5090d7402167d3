/**
 * The model registry's command line (publish, promote, clear, list, show):
 *   node --conditions=@rtml/source --import tsx tools/ml/src/registry/registry.cli.ts \
 *     publish --name fraud --dir out/model [--version 3] [--bucket rtml-models]
 * Human lines go to stdout, then one line of JSON (the result) for scripts. A failure prints
 * one line to stderr and exits 1; a bad command line exits 2. The bucket is created if missing.
 * `runRegistryCli` is the entry for a dispatcher (the `model` command).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { AppError } from '@rtml/errors';
import { withoutSdkLogging } from '@rtml/connections';
import { S3ModelRegistry } from '@rtml/model-registry';
import { parseRegistryArgs, REGISTRY_COMMANDS } from './registry-args.parser';
import { runRegistryCommand } from './registry-command.runner';
import type { PromotionJudge } from './registry-command.runner';
import { loadRegistryConfig } from './registry.config';
import { REGISTRY_USAGE, RegistryUsageError } from './registry-usage.error';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export interface CliOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const consoleOutput: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Runs one command line; returns the exit code instead of exiting, so it can be embedded. */
export async function runRegistryCli(
  argv: readonly string[],
  output: CliOutput = consoleOutput,
  env: NodeJS.ProcessEnv = process.env,
  judge?: PromotionJudge,
): Promise<number> {
  let client: S3Client | undefined;
  try {
    const command = parseRegistryArgs(argv);
    if (command.command === 'help') {
      output.out(REGISTRY_USAGE);
      return EXIT_OK;
    }
    const config = loadRegistryConfig(command.bucket, env);
    client = withoutSdkLogging(new S3Client(config.s3));
    const registry = new S3ModelRegistry(client, { bucket: config.bucket });
    if (await registry.ensureBucket()) output.out(`created bucket ${config.bucket}`);
    const outcome = await runRegistryCommand(command, registry, config.bucket, judge);
    for (const line of outcome.lines) output.out(line);
    output.out(JSON.stringify(outcome.result));
    if (outcome.refused === undefined) return EXIT_OK;
    output.err(`model ${argv[0] ?? ''}: ${outcome.refused}`);
    return EXIT_FAILED;
  } catch (error) {
    output.err(`model ${argv[0] ?? ''}: ${oneLine(error)}`);
    return error instanceof RegistryUsageError ? EXIT_USAGE : EXIT_FAILED;
  } finally {
    client?.destroy();
  }
}

/** The version an alias of `name` points at, read from the registry (`--bucket`, MODEL_BUCKET). */
export async function aliasVersion(
  name: string,
  alias: 'champion' | 'challenger',
  bucket: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const config = loadRegistryConfig(bucket, env);
  const client = withoutSdkLogging(new S3Client(config.s3));
  try {
    const registry = new S3ModelRegistry(client, { bucket: config.bucket });
    return (await registry.resolveAlias(name, alias)).pointer.version;
  } finally {
    client.destroy();
  }
}

/** For a dispatcher: whether `verb` (argv[0]) is one of this CLI's commands. */
export const isRegistryCommand = (verb: string | undefined): boolean =>
  (REGISTRY_COMMANDS as readonly (string | undefined)[]).includes(verb);

/**
 * The error, its code and its causes on one line, never a stack: a CLI failure must be
 * readable in a CI log. A cause already quoted by its wrapper is not repeated.
 */
export function oneLine(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth += 1) {
    const message = current instanceof Error ? current.message : String(current);
    if (message !== '' && !parts.some((part) => part.includes(message))) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  const text = parts.join(': ').replace(/\s*\n\s*/g, ' ');
  return error instanceof AppError ? `${error.code}: ${text}` : text;
}

if (require.main === module) {
  void runRegistryCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
