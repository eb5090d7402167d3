export const REGISTRY_USAGE = [
  'usage: model publish --name N --dir <dir with model.onnx + manifest.json> [--version V]',
  '       model promote --name N --version V [--alias champion|challenger]',
  '       model promote --name N --if-better auc|ap|card-precision [--version V] [--min-events M]',
  '         [--min-frauds F] [--from D] [--to D] [--url <actions>]   (champion only on evidence:',
  '         the challenger, or V, against the champion on the same matured events; refused, exit 1,',
  '         with too few events or frauds (defaults 1000, 20) or without a gain whose 95 % interval',
  '         is above zero)',
  '       model clear --name N --alias challenger   (alias: demote)',
  '       model list --name N',
  '       model show --name N [--version V | --alias champion|challenger]',
  'every command takes [--bucket B] (default: $MODEL_BUCKET, else rtml-models)',
].join('\n');

/** A command line that cannot be run: the message says what is wrong (usage: `--help`). */
export class RegistryUsageError extends Error {
  constructor(problem: string) {
    super(`${problem} (see --help)`);
    this.name = 'RegistryUsageError';
  }
}
