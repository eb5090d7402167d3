import { parseArgs } from 'node:util';
import { BenchUsageError, positiveOption } from '../bench-args.parser';
import { KAFKA_CLIENTS } from '@rtml/kafka';
import type { KafkaClientName } from '@rtml/kafka';

export const KAFKA_CLIENTS_USAGE =
  'usage: npm run bench:kafka-clients -- [--records N] [--runs N] [--batch N] [--value-bytes N] ' +
  '[--headers 0..3] [--clients ' +
  KAFKA_CLIENTS.join(',') +
  ']';

export interface KafkaClientsArgs {
  /** Records produced, then consumed, by each client in each round. */
  readonly records: number;
  readonly runs: number;
  /** Records per publish: the stage runner publishes one batch per fetched partition batch. */
  readonly batch: number;
  /** Value bytes of every record. */
  readonly valueBytes: number;
  /** How many headers each record carries: the pipeline's two (event id, trace id), then a third. */
  readonly headers: number;
  readonly clients: readonly KafkaClientName[];
}

/**
 * Defaults: the mean value size of the three records a transaction's trip through the services
 * produces (`transactions` 86 bytes, `features.enriched` 700, `predictions` 664: means read back
 * from the topics after `npm run bench`), the two headers every data record carries (event id,
 * trace id), in publishes of 500.
 */
export const KAFKA_CLIENTS_DEFAULTS: KafkaClientsArgs = {
  records: 50_000,
  runs: 3,
  batch: 500,
  valueBytes: 480,
  headers: 2,
  clients: KAFKA_CLIENTS,
};

export function parseKafkaClientsArgs(argv: readonly string[]): KafkaClientsArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        records: { type: 'string' },
        runs: { type: 'string' },
        batch: { type: 'string' },
        'value-bytes': { type: 'string' },
        headers: { type: 'string' },
        clients: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${KAFKA_CLIENTS_USAGE}`);
  }
  const number = (name: string, fallback: number) =>
    values[name] === undefined ? fallback : positiveOption(name, values[name], KAFKA_CLIENTS_USAGE);
  const headers =
    values['headers'] === undefined ? KAFKA_CLIENTS_DEFAULTS.headers : Number(values['headers']);
  if (![0, 1, 2, 3].includes(headers))
    throw new BenchUsageError(
      `--headers takes 0 to 3; got ${values['headers']}\n${KAFKA_CLIENTS_USAGE}`,
    );
  const valueBytes = number('value-bytes', KAFKA_CLIENTS_DEFAULTS.valueBytes);
  if (valueBytes < 8)
    throw new BenchUsageError(
      `--value-bytes must be at least 8; got ${valueBytes}\n${KAFKA_CLIENTS_USAGE}`,
    );
  return {
    records: number('records', KAFKA_CLIENTS_DEFAULTS.records),
    runs: number('runs', KAFKA_CLIENTS_DEFAULTS.runs),
    batch: number('batch', KAFKA_CLIENTS_DEFAULTS.batch),
    valueBytes,
    headers,
    clients: clientsOf(values['clients']),
  };
}

function clientsOf(text: string | undefined): readonly KafkaClientName[] {
  if (text === undefined) return KAFKA_CLIENTS_DEFAULTS.clients;
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(KAFKA_CLIENTS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0 || new Set(names).size !== names.length)
    throw new BenchUsageError(
      `--clients takes distinct names among ${KAFKA_CLIENTS.join(', ')}; got ${text}\n${KAFKA_CLIENTS_USAGE}`,
    );
  return names as KafkaClientName[];
}
