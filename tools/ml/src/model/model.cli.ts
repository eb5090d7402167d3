/**
 * Model lifecycle commands (the lead wires `npm run model -- <command> ...`):
 *   node --conditions=@rtml/source --import tsx tools/ml/src/model/model.cli.ts evaluate \
 *     --protocol handbook-baseline --data ../shared/data/handbook-transactions.csv.gz
 *   ... model.cli.ts train --data <csv.gz> --from 2018-07-25 --to 2018-07-31 --output <dir>
 *   ... model.cli.ts export --data <csv.gz> --from 2018-07-25 --to 2018-07-31 --output rows.csv
 *   ... model.cli.ts import --onnx <file> --output <dir> [--data <csv.gz> --from ... --to ...]
 *   ... model.cli.ts publish | promote | demote | list | show ...   (the S3 model registry)
 *   ... model.cli.ts quality --name <model> [--from D --to D]   (online quality, actions API)
 *   ... model.cli.ts compare --name <model> [--challenger V] [--from D --to D]   (with bootstrap CIs)
 *   ... model.cli.ts promote --name <model> --if-better auc [--min-events M]   (on evidence only)
 *   ... model.cli.ts retrain --name <model>   (one cycle: judge the challenger, train a new one)
 * Progress goes to stdout; `evaluate` ends with one JSON line. Exit 1 on failure, 2 on a bad
 * command line.
 */
import { describeError } from '@rtml/errors';
import { aliasVersion, isRegistryCommand, runRegistryCli } from '../registry/registry.cli';
import { promotionJudge, runCompare } from './compare.command';
import { runEvaluate } from './evaluate.command';
import { runExport } from './export.command';
import { runImport } from './import.command';
import { parseModelArgs } from './model-args.parser';
import { MODEL_USAGE, UsageError } from './model-usage.error';
import { runQuality } from './quality.command';
import { runRetrain } from './retrain.command';
import { runTrain } from './train.command';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<void> {
  if (isRegistryCommand(argv[0])) {
    process.exitCode = await runRegistryCli(
      argv,
      undefined,
      process.env,
      promotionJudge(process.env),
    );
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(MODEL_USAGE);
    return;
  }
  if (argv[0] === 'compare') {
    await runCompare(
      argv.slice(1),
      (line) => console.log(line),
      (name, bucket) => aliasVersion(name, 'challenger', bucket),
    );
    return;
  }
  if (argv[0] === 'retrain') {
    const outcome = await runRetrain(argv.slice(1), (line) => console.log(line));
    console.log(JSON.stringify(outcome));
    return;
  }
  if (argv[0] === 'quality') {
    await runQuality(argv.slice(1), (line) => console.log(line));
    return;
  }
  const args = parseModelArgs(argv);
  const out = (line: string) => console.log(line);
  if (args.command === 'evaluate') await runEvaluate(args, out);
  else if (args.command === 'train') await runTrain(args, out);
  else if (args.command === 'export') await runExport(args, out);
  else await runImport(args, out);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`model: ${describeError(error)}`);
  process.exitCode = error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
});
