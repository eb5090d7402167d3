import { MODEL_TYPES } from '@rtml/model-training';
import { PROTOCOL_NAMES } from '../evaluate/protocol.catalog';

export const MODEL_USAGE = [
  'usage: model evaluate --protocol <' + PROTOCOL_NAMES.join('|') + '> --data <csv|csv.gz>',
  '         [--features <name|file.json>] [--model ' +
    MODEL_TYPES.join('|') +
    '] [--params <json>] [--seed <n>]',
  '         [--scores-out <csv>]',
  '       model train (--data <csv|csv.gz> | --from-store [--url <actions>]) --from YYYY-MM-DD',
  '         --to YYYY-MM-DD --output <dir>   (--from-store: the vectors the pipeline served, matured)',
  '         [--features <name|file.json>] [--model ' +
    MODEL_TYPES.join('|') +
    '] [--params <json>] [--seed <n>]',
  '       model export --data <csv|csv.gz> --from YYYY-MM-DD --to YYYY-MM-DD --output <csv>',
  '         [--features <name|file.json>]            (labelled feature rows, to train elsewhere)',
  '       model import --onnx <file> --output <dir> [--features <name|file.json>]',
  '         [--data <csv|csv.gz> --from YYYY-MM-DD --to YYYY-MM-DD] [--threshold <0..1>]',
  '         [--score-output <tensor>]                (a model trained elsewhere, as ONNX)',
  '       model publish|promote|demote|list|show ...   (the S3 model registry; `model list --help`)',
  '       model quality --name <model> [--from <date|ms>] [--to <date|ms>] [--k <n>] [--url <actions>]',
  '                                                    (online quality on matured events, actions API)',
  '       model compare --name <model> [--challenger <version>] [--from ..] [--to ..] [--resamples <n>]',
  '                                                    (challenger vs champion on the same matured events,',
  '                                                    paired bootstrap 95 % intervals)',
  '       model retrain --name <model> [--train-days 7] [--if-better auc] [--min-events 1000]',
  '                                                    (one cycle of the loop: judge the challenger,',
  '                                                    train a new one from the store)',
].join('\n');

/** A command line that cannot be run: the message says what is wrong, then the usage. */
export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${MODEL_USAGE}`);
    this.name = 'UsageError';
  }
}
