import { BenchUsageError, benchSetups, parseBenchArgs } from './bench-args.parser';
import { CLIENT_MIXES, clientEnv } from './bench-run.types';

describe('parseBenchArgs', () => {
  it('runs three rounds at 500, 1,000 and 2,000 events/s under both guarantees with the three client mixes by default', () => {
    expect(parseBenchArgs([])).toEqual({
      events: 50_000,
      ceilingEvents: 50_000,
      runs: 3,
      rates: [500, 1_000, 2_000],
      seconds: 30,
      storedSample: 10,
      guarantees: ['exactly_once_v2', 'at_least_once'],
      clientMixes: ['kafkajs', 'platformatic-publisher', 'platformatic'],
    });
  });

  it('reads every option, rates in the order given', () => {
    expect(
      parseBenchArgs([
        '--events',
        '2000',
        '--ceiling-events',
        '1000',
        '--runs',
        '1',
        '--rates',
        '1000, 500',
        '--seconds',
        '10',
        '--stored-sample',
        '1',
        '--guarantees',
        'at_least_once',
        '--clients',
        'platformatic',
      ]),
    ).toEqual({
      events: 2_000,
      ceilingEvents: 1_000,
      runs: 1,
      rates: [1_000, 500],
      seconds: 10,
      storedSample: 1,
      guarantees: ['at_least_once'],
      clientMixes: ['platformatic'],
    });
  });

  it('takes --rate as the one rate of --rates', () => {
    expect(parseBenchArgs(['--rate', '750']).rates).toEqual([750]);
  });

  it('refuses --rate with --rates, bad numbers, repeated values and unknown names', () => {
    const refused = [
      ['--rate', '1000', '--rates', '500'],
      ['--rates', '500,,1000'],
      ['--rates', '500,1.5'],
      ['--rates', '500,500'],
      ['--runs', '0'],
      ['--seconds', '-3'],
      ['--events', '5k'],
      ['--guarantees', 'exactly_once'],
      ['--guarantees', 'at_least_once,at_least_once'],
      ['--clients', 'rdkafka'],
      ['--clients', 'kafkajs,kafkajs'],
      ['--repeat', '2'],
    ];
    for (const argv of refused) expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
  });
});

describe('benchSetups', () => {
  const args = parseBenchArgs([]);

  it('runs each guarantee with the client mixes back to back, their order reversed every other round', () => {
    const order = (round: number) =>
      benchSetups(args, round).map((s) => `${s.guarantee}/${s.clients}`);

    expect(order(1)).toEqual([
      'exactly_once_v2/kafkajs',
      'exactly_once_v2/platformatic-publisher',
      'exactly_once_v2/platformatic',
      'at_least_once/kafkajs',
      'at_least_once/platformatic-publisher',
      'at_least_once/platformatic',
    ]);
    expect(order(2)).toEqual([
      'exactly_once_v2/platformatic',
      'exactly_once_v2/platformatic-publisher',
      'exactly_once_v2/kafkajs',
      'at_least_once/platformatic',
      'at_least_once/platformatic-publisher',
      'at_least_once/kafkajs',
    ]);
    expect(order(3)).toEqual(order(1));
  });
});

describe('clientEnv', () => {
  it('gives each mix the services’ KAFKA_CLIENT and KAFKA_PUBLISHER_CLIENT', () => {
    expect(CLIENT_MIXES.map(clientEnv)).toEqual([
      { KAFKA_CLIENT: 'kafkajs', KAFKA_PUBLISHER_CLIENT: 'kafkajs' },
      { KAFKA_CLIENT: 'kafkajs', KAFKA_PUBLISHER_CLIENT: 'platformatic' },
      { KAFKA_CLIENT: 'platformatic', KAFKA_PUBLISHER_CLIENT: 'platformatic' },
    ]);
  });
});
