import { HANDBOOK_15, HANDBOOK_15_MAX } from '@rtml/feature-engine';
import type { ModelManifest } from '@rtml/model-registry';
import { trainArtifact } from '../testing/trained-model.fixture';
import { HANDBOOK_LAYOUT } from '../testing/serving-model.fixture';
import { manifestProblems, namesProblem } from './model-manifest.check';

const { manifest: trained } = trainArtifact({ trees: 2, rows: 300 });
const manifest: ModelManifest = { ...trained, name: 'card-fraud', version: '1' };
const names = HANDBOOK_15.features.map((feature) => feature.name);

describe('checking a manifest against the served feature set', () => {
  it('accepts a model trained on the same feature set, version and column order', () => {
    expect(manifestProblems(manifest, HANDBOOK_LAYOUT)).toEqual([]);
  });

  it('refuses a model trained on another feature set or version', () => {
    const other = { ...manifest, featureSet: { name: HANDBOOK_15.name, version: 2 } };
    const max = {
      ...manifest,
      featureSet: { name: HANDBOOK_15_MAX.name, version: HANDBOOK_15_MAX.version },
    };

    expect(manifestProblems(other, HANDBOOK_LAYOUT)).toEqual([
      'trained on feature set handbook-15 v2, but this service serves handbook-15 v1',
    ]);
    expect(manifestProblems(max, HANDBOOK_LAYOUT)[0]).toMatch(/handbook-15-max v1/);
  });

  it('refuses the right columns in another order, naming the first misplaced one', () => {
    const swapped = [names[1]!, names[0]!, ...names.slice(2)];

    expect(manifestProblems({ ...manifest, featureNames: swapped }, HANDBOOK_LAYOUT)).toEqual([
      'feature names are out of order: position 0 is TX_DURING_WEEKEND, expected TX_AMOUNT',
    ]);
  });

  it('refuses missing and unexpected columns, naming them', () => {
    const renamed = [...names.slice(0, 14), 'CARD_MAX_AMOUNT_1DAY_WINDOW'];

    expect(namesProblem(renamed, names)).toBe(
      'feature names differ: missing TERMINAL_ID_RISK_30DAY_WINDOW; unexpected CARD_MAX_AMOUNT_1DAY_WINDOW',
    );
    expect(namesProblem([...names, names[0]!], names)).toBe(
      'feature names are out of order: position 15 is TX_AMOUNT, expected nothing',
    );
  });

  it('refuses tensors whose widths disagree with the feature names', () => {
    const wide = {
      ...manifest,
      input: { ...manifest.input, shape: [null, 16] as const },
      output: { ...manifest.output, shape: [null, 2] as const },
    };

    expect(manifestProblems(wide, HANDBOOK_LAYOUT)).toEqual([
      'input tensor "features" is 16 wide for 15 feature names',
      'output tensor "score" is 2 wide, expected one score per row',
    ]);
  });
});
