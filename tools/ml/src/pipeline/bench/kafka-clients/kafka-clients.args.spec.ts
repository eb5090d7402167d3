import { BenchUsageError } from '../bench-args.parser';
import { KAFKA_CLIENTS_DEFAULTS, parseKafkaClientsArgs } from './kafka-clients.args';

describe('parseKafkaClientsArgs', () => {
  it('compares both clients over three rounds of 50,000 records by default', () => {
    expect(parseKafkaClientsArgs([])).toEqual({
      records: 50_000,
      runs: 3,
      batch: 500,
      valueBytes: 480,
      headers: 2,
      clients: ['kafkajs', 'platformatic'],
    });
    expect(parseKafkaClientsArgs([])).toEqual(KAFKA_CLIENTS_DEFAULTS);
  });

  it('reads every option', () => {
    expect(
      parseKafkaClientsArgs([
        '--records',
        '300',
        '--runs',
        '1',
        '--batch',
        '50',
        '--value-bytes',
        '64',
        '--headers',
        '0',
        '--clients',
        'platformatic',
      ]),
    ).toEqual({
      records: 300,
      runs: 1,
      batch: 50,
      valueBytes: 64,
      headers: 0,
      clients: ['platformatic'],
    });
  });

  it.each([
    [['--records', '0'], '--records takes positive integers'],
    [['--headers', '4'], '--headers takes 0 to 3'],
    [['--value-bytes', '4'], '--value-bytes must be at least 8'],
    [['--clients', 'kafkajs,kafkajs'], '--clients takes distinct names'],
    [['--clients', 'rdkafka'], '--clients takes distinct names'],
    [['--rate', '5'], "Unknown option '--rate'"],
  ])('refuses %j with a usage line', (argv, message) => {
    expect(() => parseKafkaClientsArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseKafkaClientsArgs(argv)).toThrow(message);
    expect(() => parseKafkaClientsArgs(argv)).toThrow('usage: npm run bench:kafka-clients');
  });
});
