import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, 'simulate.cli.ts');

/** Runs the CLI as users do (tsx, source condition), with the Node that runs the tests. */
function simulate(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@rtml/source', '--import', 'tsx', CLI, ...args],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stderr: result.stderr };
}

describe('simulate CLI', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the file and prints a one-line JSON summary to stderr', () => {
    const output = join(dir, 'tx.csv');
    const { status, stderr } = simulate([
      '--customers',
      '100',
      '--terminals',
      '200',
      '--days',
      '10',
      '--seed',
      '3',
      '--output',
      output,
    ]);
    const rows = readFileSync(output, 'utf8').trimEnd().split('\n').length - 1;

    expect(status).toBe(0);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stderr)).toEqual({
      output,
      rows,
      frauds: expect.any(Number),
      fraudRate: expect.any(Number),
      byScenario: { '1': expect.any(Number), '2': expect.any(Number), '3': expect.any(Number) },
      seconds: expect.any(Number),
    });
  }, 60_000);

  it('exits 2 with one line naming the problem for a bad argument', () => {
    const { status, stderr } = simulate([
      '--customers',
      'many',
      '--terminals',
      '2',
      '--days',
      '1',
      '--seed',
      '1',
      '--output',
      'x.csv',
    ]);

    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^simulate: --customers must be an integer from 1 to \d+, got "many"; usage: .*\n$/,
    );
  }, 60_000);
});
