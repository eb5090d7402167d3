import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testEndpoints } from '@rtml/testing';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../../../../..');

describe('npm run bench:kafka-clients on the real broker', () => {
  it('puts both clients through produce and consume, checks every record, and reports both', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--disable-warning=TimeoutNegativeWarning',
        '--conditions=@rtml/source',
        '--import',
        'tsx',
        'tools/ml/src/pipeline/bench/kafka-clients/kafka-clients.bench.ts',
        '--records',
        '1200',
        '--runs',
        '2',
        '--batch',
        '100',
        '--value-bytes',
        '64',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, KAFKA_BROKERS: testEndpoints().kafkaBrokers.join(',') },
        timeout: 120_000,
      },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      runs: number;
      failures: string[];
      clients: Record<string, Record<string, Record<string, { median: number }>>>;
      platformatic_vs_kafkajs_client_cpu: Record<string, { median: number }> | null;
    };
    expect(report.failures).toEqual([]);
    expect(report.runs).toBe(2);
    for (const client of ['kafkajs', 'platformatic'])
      for (const phase of ['produce', 'consume']) {
        expect(report.clients[client]![phase]!['records_per_s']!.median).toBeGreaterThan(0);
        expect(report.clients[client]![phase]!['client_us_per_record']!.median).toBeGreaterThan(0);
      }
    expect(
      report.platformatic_vs_kafkajs_client_cpu?.['produce_and_consume']?.median,
    ).toBeGreaterThan(0);
    expect(stderr).toContain('platformatic ÷ kafkajs, client CPU per record');
  }, 150_000);
});
