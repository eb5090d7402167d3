import type { ClientRound, PhaseFigures } from './kafka-clients.report';
import { kafkaClientsReport, kafkaClientsTable } from './kafka-clients.report';

const phase = (client: number, extra: Partial<PhaseFigures> = {}): PhaseFigures => ({
  records_per_s: 10_000,
  client_us_per_record: client,
  broker_us_per_record: 10,
  outside_us_per_record: 1,
  machine_busy_pct: 60,
  ...extra,
});
const round = (produce: number, consume: number): ClientRound => ({
  produce: phase(produce),
  consume: phase(consume),
});

describe('kafkaClientsReport', () => {
  it('takes each figure over the rounds and the ratio of the clients round by round', () => {
    const report = kafkaClientsReport([
      { kafkajs: round(20, 10), platformatic: round(15, 20) },
      { kafkajs: round(30, 10), platformatic: round(15, 25) },
      { kafkajs: round(25, 15), platformatic: round(10, 30) },
    ]);
    expect(report.runs).toBe(3);
    expect(report.clients.kafkajs?.produce.client_us_per_record).toEqual({
      median: 25,
      min: 20,
      max: 30,
    });
    expect(report.platformatic_vs_kafkajs_client_cpu).toEqual({
      produce: { median: 0.5, min: 0.4, max: 0.75 },
      consume: { median: 2, min: 2, max: 2.5 },
      produce_and_consume: { median: 1, min: 1, max: 1.17 },
    });
  });

  it('has no ratio with one client, and prints n/a for figures /proc could not give', () => {
    const report = kafkaClientsReport([
      {
        kafkajs: {
          produce: phase(20, { outside_us_per_record: null, machine_busy_pct: null }),
          consume: phase(10),
        },
      },
    ]);
    expect(report.platformatic_vs_kafkajs_client_cpu).toBeNull();
    expect(report.clients.platformatic).toBeUndefined();
    const table = kafkaClientsTable(report);
    expect(table).toMatch(
      /\| kafkajs +\| produce +\| 10,000 +\| 20\.0 +\| 10\.0 +\| n\/a +\| n\/a +\|/,
    );
    expect(table).not.toContain('platformatic ÷ kafkajs');
  });

  it('ends the table with the ratios', () => {
    const table = kafkaClientsTable(
      kafkaClientsReport([{ kafkajs: round(20, 10), platformatic: round(15, 20) }]),
    );
    expect(table).toContain(
      'platformatic ÷ kafkajs, client CPU per record (per round, median and range): produce 0.75, consume 2.00, produce + consume 1.17',
    );
  });
});
