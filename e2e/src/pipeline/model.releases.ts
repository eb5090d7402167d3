import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { S3ModelRegistry, readModelDirectory } from '@rtml/model-registry';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Real models for the end-to-end tier, made the way users make them: the simulator writes a
 * small book-like data set, `model train` fits and exports it; the registry publishes and
 * promotes. Different seeds give different (equally valid) models.
 */
export class ModelReleases {
  readonly registry: S3ModelRegistry;
  private readonly work = mkdtempSync(join(tmpdir(), 'rtml-e2e-models-'));
  private data: string | undefined;

  constructor(
    s3: S3Client,
    bucket: string,
    readonly name: string,
  ) {
    this.registry = new S3ModelRegistry(s3, { bucket });
  }

  /** Trains a model with `seed`, publishes it and points `alias` at it; returns the version. */
  async release(seed: number, alias: 'champion' | 'challenger' = 'champion'): Promise<string> {
    const dir = join(this.work, `model-${seed}`);
    runTool('tools/ml/src/model/model.cli.ts', [
      'train',
      '--data',
      this.dataFile(),
      '--from',
      '2018-04-15',
      '--to',
      '2018-04-21',
      '--seed',
      String(seed),
      '--output',
      dir,
    ]);
    const published = await this.registry.publish({
      name: this.name,
      ...(await readModelDirectory(dir)),
    });
    await this.registry.promote(this.name, published.version, alias);
    return published.version;
  }

  /**
   * A model trained the way examples/python-sklearn trains one: rows from `model export`,
   * scikit-learn fitted and converted to ONNX by the example's script (run with `python`),
   * `model import` checks the graph and writes the manifest; published and promoted like any
   * other. Returns the version.
   */
  async releaseFromPython(
    python: string,
    alias: 'champion' | 'challenger' = 'champion',
  ): Promise<string> {
    const dir = join(this.work, 'python');
    const range = ['--from', '2018-04-15', '--to', '2018-04-21'];
    const rows = join(this.work, 'python-train.csv');
    const onnx = join(this.work, 'python-model.onnx');
    runTool('tools/ml/src/model/model.cli.ts', [
      ...['export', '--data', this.dataFile(), '--features', 'handbook-15', ...range],
      ...['--output', rows],
    ]);
    run(python, [
      join(ROOT, 'examples/python-sklearn/train_and_export.py'),
      '--train',
      rows,
      '--output',
      onnx,
    ]);
    runTool('tools/ml/src/model/model.cli.ts', [
      ...['import', '--onnx', onnx, '--features', 'handbook-15', '--output', dir],
      ...['--data', this.dataFile(), ...range],
    ]);
    const published = await this.registry.publish({
      name: this.name,
      ...(await readModelDirectory(dir)),
    });
    await this.registry.promote(this.name, published.version, alias);
    return published.version;
  }

  private dataFile(): string {
    if (this.data !== undefined) return this.data;
    const file = join(this.work, 'simulated.csv');
    runTool('tools/ml/src/simulate/simulate.cli.ts', [
      ...['--customers', '600', '--terminals', '1200', '--days', '40', '--seed', '5'],
      ...['--output', file],
    ]);
    this.data = file;
    return file;
  }
}

function runTool(script: string, args: readonly string[]): void {
  run(process.execPath, [
    '--conditions=@rtml/source',
    '--import',
    'tsx',
    join(ROOT, script),
    ...args,
  ]);
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args[0] ?? ''} failed: ${result.stderr.slice(-2_000)}`);
}
