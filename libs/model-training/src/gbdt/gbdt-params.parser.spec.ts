import { ModelTrainingError } from '../model-training.error';
import { DEFAULT_GBDT_PARAMS } from './gbdt-params.model';
import { parseGbdtParams } from './gbdt-params.parser';

describe('parseGbdtParams', () => {
  it('overlays the given fields on the defaults', () => {
    expect(parseGbdtParams({ trees: 300, learningRate: 0.05 })).toEqual({
      ...DEFAULT_GBDT_PARAMS,
      trees: 300,
      learningRate: 0.05,
    });
    expect(parseGbdtParams(undefined)).toBe(DEFAULT_GBDT_PARAMS);
  });

  it('reports every bad or unknown field at once', () => {
    const parse = () =>
      parseGbdtParams({ trees: 1.5, learningRate: 0, depth: 3, rowSubsample: '1' });
    expect(parse).toThrow(ModelTrainingError);
    try {
      parse();
    } catch (error) {
      expect((error as ModelTrainingError).code).toBe('PARAMS_INVALID');
      expect((error as ModelTrainingError).issues).toEqual([
        'trees: must be an integer >= 1 and <= 100000, got 1.5',
        'learningRate: must be a number > 0 and <= 1, got 0',
        expect.stringMatching(/^depth: unknown parameter \(known: trees, learningRate, maxDepth/),
        'rowSubsample: must be a number > 0 and <= 1, got "1"',
      ]);
    }
  });

  it('refuses something that is not an object', () => {
    expect(() => parseGbdtParams([1])).toThrow(/must be an object/);
  });
});
