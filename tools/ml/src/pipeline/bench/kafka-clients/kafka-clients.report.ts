import { spreadOf, spreadTree } from '../run-spread';
import type { Spread, SpreadTree } from '../run-spread';
import { formatNumber, formatSpread, renderTable } from '../text.table';
import type { KafkaClientName } from '@rtml/kafka';

/** One client's figures in one phase of one round. */
export interface PhaseFigures {
  readonly records_per_s: number;
  /** CPU of the bench process (the client, and our record mapping) per record. */
  readonly client_us_per_record: number;
  readonly broker_us_per_record: number;
  /** What the machine spent outside the bench and the broker, per record: noise. */
  readonly outside_us_per_record: number | null;
  readonly machine_busy_pct: number | null;
}

export interface ClientRound {
  readonly produce: PhaseFigures;
  readonly consume: PhaseFigures;
}

export type KafkaClientsRound = Partial<Record<KafkaClientName, ClientRound>>;

export const PHASES = ['produce', 'consume'] as const;

export interface KafkaClientsReport {
  readonly bench: 'kafka-clients';
  readonly runs: number;
  readonly clients: Partial<Record<KafkaClientName, SpreadTree<ClientRound>>>;
  /**
   * platformatic ÷ kafkajs of the client CPU per record, per round, then median and range:
   * per phase, and for a produce plus a consume (a record's whole trip through one hop).
   */
  readonly platformatic_vs_kafkajs_client_cpu: {
    readonly produce: Spread;
    readonly consume: Spread;
    readonly produce_and_consume: Spread;
  } | null;
}

export function kafkaClientsReport(rounds: readonly KafkaClientsRound[]): KafkaClientsReport {
  const clients: KafkaClientsReport['clients'] = {};
  for (const name of ['kafkajs', 'platformatic'] as const) {
    const own = rounds.flatMap((round) => (round[name] === undefined ? [] : [round[name]]));
    if (own.length > 0) clients[name] = spreadTree(own);
  }
  const paired = rounds.flatMap((round) =>
    round.kafkajs !== undefined && round.platformatic !== undefined
      ? [{ k: round.kafkajs, p: round.platformatic }]
      : [],
  );
  const ratio = (pick: (round: ClientRound) => number) =>
    spreadOf(paired.map(({ k, p }) => round2(pick(p) / pick(k))));
  return {
    bench: 'kafka-clients',
    runs: rounds.length,
    clients,
    platformatic_vs_kafkajs_client_cpu:
      paired.length === 0
        ? null
        : {
            produce: ratio((r) => r.produce.client_us_per_record),
            consume: ratio((r) => r.consume.client_us_per_record),
            produce_and_consume: ratio(
              (r) => r.produce.client_us_per_record + r.consume.client_us_per_record,
            ),
          },
  };
}

/** The report as a Markdown table: a row per client and phase, medians with their ranges. */
export function kafkaClientsTable(report: KafkaClientsReport): string {
  const one = (spread: Spread) => formatSpread(spread, (value) => formatNumber(value, 1));
  const rows: string[][] = [];
  for (const [name, figures] of Object.entries(report.clients))
    for (const phase of PHASES) {
      const f = figures[phase];
      rows.push([
        name,
        phase,
        formatSpread(f.records_per_s),
        one(f.client_us_per_record),
        one(f.broker_us_per_record),
        f.outside_us_per_record === null ? 'n/a' : one(f.outside_us_per_record),
        f.machine_busy_pct === null ? 'n/a' : formatSpread(f.machine_busy_pct),
      ]);
    }
  const table = renderTable(
    [
      'client',
      'phase',
      'records/s',
      'client CPU-µs/record',
      'broker CPU-µs/record',
      'outside CPU-µs/record',
      'machine busy %',
    ],
    rows,
  );
  const ratios = report.platformatic_vs_kafkajs_client_cpu;
  if (ratios === null) return table;
  const ratio = (spread: Spread) => formatSpread(spread, (value) => formatNumber(value, 2));
  return `${table}\n\nplatformatic ÷ kafkajs, client CPU per record (per round, median and range): produce ${ratio(ratios.produce)}, consume ${ratio(ratios.consume)}, produce + consume ${ratio(ratios.produce_and_consume)}`;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
