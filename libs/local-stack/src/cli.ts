/**
 * The local stack's command line: `fetch | up | status | down`.
 * Run as `node --import tsx libs/local-stack/src/cli.ts <command>` (npm run infra:<command>).
 * Failures print one line on stderr and exit non-zero, never a stack trace.
 */
import { ensureArtifacts } from './artifacts.fetch';
import { formatDownReport, formatFetchReport, formatUpReport } from './report.format';
import { stopStack } from './stack.down';
import { StackError, oneLine } from './stack.error';
import { formatStatusLine, isStackUp, stackStatus } from './stack.status';
import { ensureStackUp } from './stack.up';

const USAGE = 'usage: cli.ts fetch | up | status | down';

type Command = (cwd: string) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  fetch: async () => {
    console.log(formatFetchReport(await ensureArtifacts()));
    return 0;
  },
  up: async (cwd) => {
    for (const line of formatUpReport(await ensureStackUp(), cwd)) console.log(line);
    return 0;
  },
  status: async () => {
    const status = await stackStatus();
    console.log(formatStatusLine(status));
    return isStackUp(status) ? 0 : 1;
  },
  down: async () => {
    for (const line of formatDownReport(await stopStack())) console.log(line);
    return 0;
  },
};

async function main(args: readonly string[]): Promise<number> {
  const name = args[0] ?? '';
  const command = COMMANDS[name];
  if (command === undefined || args.length > 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    return await command(process.cwd());
  } catch (error: unknown) {
    const kind = error instanceof StackError ? '' : 'unexpected error: ';
    console.error(`local-stack ${name}: ${kind}${oneLine(error)}`);
    return 1;
  }
}

// KafkaJS 2.2.4 arms a negative timer on Node 24 (tulios/kafkajs#1751, harmless): keep that one
// warning out of the CLI's output, print any other warning as Node would.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning')
    console.error(`(node) ${warning.name}: ${warning.message}`);
});

// Exit explicitly: the servers are detached, and no client handle may keep the CLI alive.
void main(process.argv.slice(2)).then((code) => process.exit(code));
