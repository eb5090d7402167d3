import { parseArgs } from 'node:util';
import { actionsApiOf, getActionsJson } from './actions-api.client';
import type { ActionsApi } from './actions-api.client';
import { UsageError } from './model-usage.error';

export const QUALITY_USAGE =
  'usage: model quality --name <model> [--from <date|ms>] [--to <date|ms>] [--k <n>]\n' +
  '         [--url <actions base URL>]   (ACTIONS_URL, default http://127.0.0.1:3004;\n' +
  '                                       key: SCORES_API_KEY, default the local dev key)';

export interface QualityArgs {
  readonly name: string;
  readonly from?: string;
  readonly to?: string;
  readonly k?: string;
  readonly api: ActionsApi;
}

interface Numbers {
  readonly events: number;
  readonly frauds: number;
  readonly auc: number | null;
  readonly ap: number | null;
  readonly cardPrecision: number | null;
}

/** What `GET /v1/models/{name}/quality` answers (see services/actions' ModelQualityAnswer). */
export interface QualityReport {
  readonly model: string;
  readonly k: number;
  readonly labelDelayDays: number;
  readonly clock: number | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly versions: ReadonlyArray<{
    readonly version: string;
    readonly role: string;
    readonly overall: Numbers;
    readonly days: ReadonlyArray<Numbers & { readonly day: string; readonly complete: boolean }>;
  }>;
}

export function parseQualityArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): QualityArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        name: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        k: { type: 'string' },
        url: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${QUALITY_USAGE}`);
  }
  if (values['name'] === undefined || values['name'] === '')
    throw new UsageError(`quality needs --name\n${QUALITY_USAGE}`);
  return {
    name: values['name'],
    ...(values['from'] === undefined ? {} : { from: values['from'] }),
    ...(values['to'] === undefined ? {} : { to: values['to'] }),
    ...(values['k'] === undefined ? {} : { k: values['k'] }),
    api: actionsApiOf(values['url'], env),
  };
}

/** Asks the actions API (`GET /v1/models/{name}/quality`). */
export const fetchQuality = (args: QualityArgs): Promise<QualityReport> =>
  getActionsJson<QualityReport>(args.api, `/v1/models/${encodeURIComponent(args.name)}/quality`, {
    from: args.from,
    to: args.to,
    k: args.k,
  });

const figure = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

/** The report as a Markdown table: the range's row of each version, then its days. */
export function qualityTable(report: QualityReport): string[] {
  const iso = (ms: number | null) => (ms === null ? 'n/a' : new Date(ms).toISOString());
  const lines = [
    `model ${report.model}: matured events from ${iso(report.from)} to ${iso(report.to)}, ` +
      `event clock ${iso(report.clock)}, label delay ${report.labelDelayDays} days, k = ${report.k}`,
    '',
    '| version | role | day | events | frauds | AUC | AP | CP@k |',
    '| ------- | ---- | --- | ------ | ------ | --- | -- | ---- |',
  ];
  if (report.versions.length === 0) lines.push('| (no matured event in the range) | | | | | | | |');
  for (const { version, role, overall, days } of report.versions) {
    const row = (day: string, n: Numbers) =>
      `| ${version} | ${role} | ${day} | ${n.events} | ${n.frauds} | ${figure(n.auc)} | ${figure(n.ap)} | ${figure(n.cardPrecision)} |`;
    lines.push(row('**all**', overall));
    for (const day of days) lines.push(row(day.complete ? day.day : `${day.day} (partial)`, day));
  }
  return lines;
}

/** `model quality`: prints the table, then the answer as one JSON line. */
export async function runQuality(
  argv: readonly string[],
  out: (line: string) => void,
): Promise<void> {
  const report = await fetchQuality(parseQualityArgs(argv, process.env));
  for (const line of qualityTable(report)) out(line);
  out(JSON.stringify(report));
}
