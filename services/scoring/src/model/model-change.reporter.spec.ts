import { Writable } from 'node:stream';
import { AppError } from '@rtml/errors';
import { PipelineMetrics, createLogger } from '@rtml/observability';
import { servingModelFixture } from '../testing/serving-model.fixture';
import { ModelChangeReporter } from './model-change.reporter';

function reporterWithOutputs() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const metrics = new PipelineMetrics('scoring');
  const logger = createLogger({ service: 'scoring', destination });
  const info = async () => (await metrics.modelInfo.get()).values.map((v) => [v.labels, v.value]);
  return { reporter: new ModelChangeReporter(logger, metrics), metrics, lines, info };
}

describe('reporting model changes', () => {
  it('exposes exactly the serving version per role, dropping the series of the replaced one', async () => {
    const { reporter, info } = reporterWithOutputs();

    reporter.installed('champion', servingModelFixture('1'), undefined, 12);
    reporter.installed('champion', servingModelFixture('2'), servingModelFixture('1'), 9);
    reporter.installed('challenger', servingModelFixture('3'), undefined, 8);
    reporter.removed('challenger', servingModelFixture('3'));

    expect(await info()).toEqual([[{ role: 'champion', model: 'card-fraud', version: '2' }, 1]]);
  });

  it('logs each version change with the version it replaced', () => {
    const { reporter, lines } = reporterWithOutputs();

    reporter.installed('champion', servingModelFixture('2'), servingModelFixture('1'), 9.4);

    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        role: 'champion',
        version: '2',
        previousVersion: '1',
        loadMs: 9,
        msg: 'champion is now version 2',
      }),
    );
  });

  it('counts and logs a refusal with its reason and the version that keeps serving', async () => {
    const { reporter, lines, metrics } = reporterWithOutputs();
    const error = new AppError('MODEL_INVALID', 'sha256 does not match');

    reporter.refused('champion', 'card-fraud', '3', error, servingModelFixture('2'));

    const loads = (await metrics.modelLoads.get()).values;
    expect(loads).toEqual([{ labels: { role: 'champion', outcome: 'refused' }, value: 1 }]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        code: 'MODEL_INVALID',
        reason: 'sha256 does not match',
        msg: 'champion version 3 refused; version 2 keeps serving',
      }),
    );
  });
});
