import { RecordingScorer, servingModelFixture } from '../testing/serving-model.fixture';
import { ServingModels } from './serving-models.holder';

const modelWithScorer = (version: string) => {
  const scorer = new RecordingScorer(15);
  return { model: servingModelFixture(version, { scorer }), scorer };
};

describe('the serving models', () => {
  it('lends nothing until a champion is installed', () => {
    const models = new ServingModels();
    models.install('challenger', servingModelFixture('9'));

    expect(models.lease()).toBeUndefined();
  });

  it('keeps a batch on the models it started with while a new champion is installed', () => {
    const models = new ServingModels();
    const v1 = modelWithScorer('1');
    models.install('champion', v1.model);
    const batch = models.lease()!;

    models.install('champion', servingModelFixture('2'));

    expect(batch.champion.ref.version).toBe('1');
    expect(models.lease()!.champion.ref.version).toBe('2');
  });

  it('releases a replaced champion only once the last batch holding it ends', async () => {
    const models = new ServingModels();
    const v1 = modelWithScorer('1');
    models.install('champion', v1.model);
    const first = models.lease()!;
    const second = models.lease()!;

    models.install('champion', servingModelFixture('2'));
    first.release();
    first.release();
    const afterFirst = v1.scorer.releases;
    second.release();
    await models.close();

    expect(afterFirst).toBe(0);
    expect(v1.scorer.releases).toBe(1);
  });

  it('releases a replaced model at once when no batch holds it', async () => {
    const models = new ServingModels();
    const v1 = modelWithScorer('1');
    models.install('champion', v1.model);

    const replaced = models.install('champion', servingModelFixture('2'));
    await models.close();

    expect(replaced?.ref.version).toBe('1');
    expect(v1.scorer.releases).toBe(1);
  });

  it('stops lending the challenger once it is removed, releasing it after its batches', async () => {
    const models = new ServingModels();
    const challenger = modelWithScorer('3');
    models.install('champion', servingModelFixture('2'));
    models.install('challenger', challenger.model);
    const batch = models.lease()!;

    const removed = models.remove('challenger');
    const next = models.lease()!;
    const whileHeld = challenger.scorer.releases;
    batch.release();
    await models.close();

    expect(batch.challenger?.ref.version).toBe('3');
    expect(removed?.ref.version).toBe('3');
    expect(next.challenger).toBeUndefined();
    expect(whileHeld).toBe(0);
    expect(challenger.scorer.releases).toBe(1);
  });

  it('hands a waiting batch the first champion as soon as it is installed', async () => {
    const models = new ServingModels();

    const waiting = models.leaseWithin(10_000);
    models.install('champion', servingModelFixture('1'));

    await expect(waiting).resolves.toMatchObject({ champion: { ref: { version: '1' } } });
  });

  it('gives up waiting for a champion after the timeout', async () => {
    const models = new ServingModels();

    await expect(models.leaseWithin(5)).resolves.toBeUndefined();
  });

  it('reports a release that fails instead of throwing it', async () => {
    const failures: string[] = [];
    const models = new ServingModels((model, error) =>
      failures.push(`${model.ref.version}: ${String(error)}`),
    );
    const scorer = new RecordingScorer(15);
    scorer.release = () => Promise.reject(new Error('native session gone'));
    models.install('champion', servingModelFixture('1', { scorer }));

    await models.close();

    expect(failures).toEqual(['1: Error: native session gone']);
  });
});
