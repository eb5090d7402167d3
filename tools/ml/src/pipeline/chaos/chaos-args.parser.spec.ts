import { ChaosUsageError, parseChaosArgs } from './chaos-args.parser';
import { FAULT_NAMES } from './faults/fault.names';

describe('parseChaosArgs', () => {
  it('runs every fault at the full size by default, exactly-once', () => {
    const args = parseChaosArgs([]);
    expect(args.faults).toEqual(FAULT_NAMES);
    expect(args).toMatchObject({ events: 3_000, rate: 200, guarantee: 'exactly_once_v2' });
    expect(args.windows.dynamodbFreezeMs).toBe(30_000);
    expect(args.windows.registryDownMs).toBe(20_000);
  });

  it('shrinks sizes and bounds with --short, and lets --events and --rate override them', () => {
    const short = parseChaosArgs(['--short']);
    expect(short).toMatchObject({ short: true, events: 600, rate: 150 });
    expect(short.windows.settleBoundMs).toBeLessThan(parseChaosArgs([]).windows.settleBoundMs);
    expect(parseChaosArgs(['--short', '--events', '900', '--rate', '300'])).toMatchObject({
      events: 900,
      rate: 300,
    });
  });

  it('takes fault names and groups, in catalog order, each once', () => {
    expect(parseChaosArgs(['--faults', 'kill-scoring,restarts,kill-scoring']).faults).toEqual([
      'restart-ingest',
      'restart-features',
      'restart-scoring',
      'restart-actions',
      'kill-scoring',
    ]);
    expect(parseChaosArgs(['--faults', 'poison']).faults).toEqual([
      'oversized-records',
      'undecodable-records',
      'schema-invalid-records',
    ]);
  });

  it('refuses unknown faults, empty lists, bad numbers, guarantees and options', () => {
    const refused = (argv: string[]) => () => parseChaosArgs(argv);
    expect(refused(['--faults', 'kill-everything'])).toThrow('unknown fault "kill-everything"');
    expect(refused(['--faults', ','])).toThrow('names no fault');
    expect(refused(['--events', '12'])).toThrow('--events must be an integer of at least 100');
    expect(refused(['--rate', '2.5'])).toThrow(ChaosUsageError);
    expect(refused(['--guarantee', 'exactly_once'])).toThrow('--guarantee must be');
    expect(refused(['--fast'])).toThrow(ChaosUsageError);
  });

  it('runs this workspace’s services unless --services-root names another checkout', () => {
    expect(parseChaosArgs([]).servicesRoot).toBeUndefined();
    expect(parseChaosArgs(['--services-root', '/tmp/rev']).servicesRoot).toBe('/tmp/rev');
  });

  it('asks for the list of faults with --list', () => {
    expect(parseChaosArgs(['--list']).list).toBe(true);
  });
});
