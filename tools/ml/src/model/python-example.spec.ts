/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseTrainedManifest } from '@rtml/model-registry';
import { findPython, pythonRequired } from '@rtml/testing';
import { writeSyntheticReference } from '../evaluate/synthetic-reference.fixture';
import { runExport } from './export.command';
import { runImport } from './import.command';
import { maxAbsDifference, scoreWithOnnx } from './onnx.scorer';

/**
 * examples/python-sklearn end to end: rows exported by `model export`, a model trained and
 * converted by the example's Python script, imported by `model import`, then scored by ONNX
 * Runtime as the scoring service scores: the scores must be scikit-learn's predict_proba.
 *
 * It needs a Python with scikit-learn, onnx and numpy (`findPython`; Debian: apt-get install
 * python3-sklearn python3-onnx). Without one the test is skipped and says why;
 * RTML_REQUIRE_PYTHON=1 (CI, which installs them) fails it instead.
 */
const SCRIPT = resolve(__dirname, '../../../../examples/python-sklearn/train_and_export.py');
const PARITY_TOLERANCE = 1e-5;

const python = findPython(['numpy', 'onnx', 'sklearn']);
const required = pythonRequired();
if ('missing' in python && !required) {
  console.warn(`examples/python-sklearn test SKIPPED: ${python.missing}`);
}

/** `TRANSACTION_ID,<values...>` rows of a CSV, the id apart. */
function readCsv(path: string): { header: string[]; ids: number[]; values: number[][] } {
  const [header = '', ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const rows = lines.map((line) => line.split(',').map(Number));
  return {
    header: header.split(','),
    ids: rows.map((row) => row[0] as number),
    values: rows.map((row) => row.slice(1)),
  };
}

describe('examples/python-sklearn', () => {
  const skip = 'missing' in python && !required;
  const run = skip ? it.skip : it;
  const skipped = skip ? ` (skipped: ${python.missing})` : '';

  run(
    `trains with scikit-learn, imports the ONNX model and scores as predict_proba does${skipped}`,
    async () => {
      if ('missing' in python) throw new Error(`RTML_REQUIRE_PYTHON=1, but ${python.missing}`);
      const dir = mkdtempSync(join(tmpdir(), 'py-example-'));
      try {
        const data = join(dir, 'data.csv.gz');
        writeSyntheticReference(data, 40, 300);
        const range = { from: '2018-04-15', to: '2018-04-28' };
        const exported = (from: string, to: string, output: string) =>
          runExport(
            { command: 'export', data, features: 'handbook-15', from, to, output },
            () => {},
          );
        await exported(range.from, range.to, join(dir, 'train.csv'));
        await exported('2018-04-29', '2018-05-12', join(dir, 'held-out.csv'));

        const script = spawnSync(
          python.command,
          [
            SCRIPT,
            ...['--train', join(dir, 'train.csv'), '--output', join(dir, 'py-example-model.onnx')],
            ...['--score', join(dir, 'held-out.csv'), '--scores-out', join(dir, 'sklearn.csv')],
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        expect({ status: script.status, stderr: script.stderr }).toEqual({ status: 0, stderr: '' });
        const summary = JSON.parse(script.stdout.trim().split('\n').at(-1) ?? '') as {
          converter: string;
        };

        const manifest = await runImport(
          {
            command: 'import',
            onnx: join(dir, 'py-example-model.onnx'),
            features: 'handbook-15',
            output: join(dir, 'imported'),
            trainedOn: { data, ...range },
          },
          () => {},
        );
        const onDisk = JSON.parse(readFileSync(join(dir, 'imported', 'manifest.json'), 'utf8'));
        expect(parseTrainedManifest(onDisk)).toEqual(manifest);
        expect(manifest).toMatchObject({
          modelType: 'imported',
          featureSet: { name: 'handbook-15', version: 1 },
          input: { name: 'features', shape: [null, 15] },
          output: { name: 'score', shape: [null, 1] },
          origin: { file: 'py-example-model.onnx' },
          trainingData: { ...range, rows: 4_200, source: 'data.csv.gz' },
          metrics: { period: { from: '2018-05-06', to: '2018-05-12' } },
        });

        const rows = readCsv(join(dir, 'held-out.csv'));
        const expected = readCsv(join(dir, 'sklearn.csv'));
        expect(expected.ids).toEqual(rows.ids);
        const matrix = {
          rows: rows.ids.length,
          columns: 15,
          values: Float32Array.from(rows.values.flatMap((row) => row.slice(0, -1))),
        };
        const model = readFileSync(join(dir, 'imported', 'model.onnx'));
        const scores = await scoreWithOnnx(model, matrix, {
          input: manifest.input.name,
          output: manifest.output.name,
        });
        const parity = maxAbsDifference(
          scores,
          expected.values.map((row) => row[0] as number),
        );
        console.log(
          `examples/python-sklearn (${summary.converter}): max |ONNX Runtime − predict_proba| = ` +
            `${parity.value.toExponential(2)} over ${matrix.rows} rows`,
        );
        expect(parity.value).toBeLessThanOrEqual(PARITY_TOLERANCE);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
