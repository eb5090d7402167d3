import { describeErrorOnOneLine } from '@rtml/errors';
import { ensureStackUp } from '@rtml/local-stack';
import { simulatedRowList } from '../feed/simulated.rows';
import { buildServices } from '../launch/pipeline.session';
import { offlineVectors } from '../scale/offline.vectors';
import { CHAOS_USAGE, ChaosUsageError, parseChaosArgs } from './chaos-args.parser';
import { FAULTS } from './faults/fault.catalog';
import { ChaosRig } from './rig/chaos.rig';
import { runFault } from './run/fault.runner';
import { summaryLine } from './verdict/fault.report';
import type { FaultLine } from './verdict/fault.report';

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run chaos`: the fault suite. Builds the services, starts a Kafka broker and a Redis of its
 * own and fault proxies in front of the shared registry, DynamoDB and S3, then runs each chosen
 * fault on a slice of its own (fresh topics, tables, keys and service processes) while events
 * stream over HTTP and Kafka, and prints one JSON line per fault and a summary line on stdout
 * (progress on stderr). Exit 0 only when every fault passed. The shared stack is never stopped.
 */
async function main(): Promise<number> {
  const args = parseChaosArgs(process.argv.slice(2));
  if (args.list) {
    for (const fault of Object.values(FAULTS))
      process.stdout.write(`${fault.name}: ${fault.injects}\n`);
    return 0;
  }
  const startedAt = performance.now();
  log(
    `chaos: ${args.faults.length} faults, ${args.events} transactions each at ${args.rate}/s, ${args.guarantee}`,
  );
  if (args.servicesRoot === undefined) buildServices();
  else log(`running the services built under ${args.servicesRoot}`);
  await ensureStackUp();
  const rows = await simulatedRowList(args.events, args.seed);
  const offline = await offlineVectors(rows);
  const { interrupted, clear } = interruption();
  const rig = await Promise.race([ChaosRig.start(log), interrupted]);
  const lines: FaultLine[] = [];
  try {
    for (const [index, name] of args.faults.entries()) {
      const line = await runFault({
        fault: FAULTS[name],
        number: index + 1,
        rig,
        args,
        rows,
        offline,
        interrupted,
        log,
      });
      lines.push(line);
      process.stdout.write(`${JSON.stringify(line)}\n`);
      log(`${name}: ${line.ok ? 'passed' : `FAILED: ${line.failures.join(' | ')}`}`);
    }
  } finally {
    for (const problem of await rig.stop()) log(`clean-up: ${problem}`);
    clear();
  }
  const summary = summaryLine(lines, (performance.now() - startedAt) / 1000);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.chaos === 'passed' ? 0 : 1;
}

/**
 * Rejects on the first SIGINT or SIGTERM, so the fault running stops and everything is cleaned
 * up; a second signal ends the process at once.
 */
function interruption(): { interrupted: Promise<never>; clear: () => void } {
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const interrupted = new Promise<never>((_, reject) => {
    stop = (signal) => {
      log(`${signal}: stopping the fault and cleaning up (again to quit at once)...`);
      process.once(signal, () => process.exit(130));
      reject(new Error(`interrupted by ${signal}`));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  interrupted.catch(() => undefined);
  return {
    interrupted,
    clear: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

main().then(
  (code) => process.exit(code),
  (failure: unknown) => {
    const message =
      failure instanceof ChaosUsageError
        ? failure.message
        : `chaos failed: ${describeErrorOnOneLine(failure)}\n${CHAOS_USAGE.split('\n')[0]}`;
    process.stderr.write(`${message}\n`);
    process.exit(failure instanceof Error && failure.message.startsWith('interrupted') ? 130 : 1);
  },
);
