import type { InferenceSession } from 'onnxruntime-node';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { scoreTensorsOf } from './score-tensors.selector';

type Metadata = InferenceSession.ValueMetadata;

const tensor = (name: string, shape: (number | string)[], type = 'float32'): Metadata =>
  ({ name, isTensor: true, type, shape }) as Metadata;

const features = tensor('features', ['N', 15]);
const score = tensor('score', ['N', 1]);

const problemsOf = (inputs: Metadata[], outputs: Metadata[], scoreOutput?: string) =>
  scoreTensorsOf({ inputs, outputs }, HANDBOOK_15, scoreOutput).problems;

describe('scoreTensorsOf', () => {
  it('takes the one float32 [N, width] input and the one float32 [N, 1] output, whatever their names', () => {
    const found = scoreTensorsOf(
      {
        inputs: [tensor('float_input', ['', 15])],
        outputs: [tensor('label', [''], 'int64'), tensor('p1', ['batch', 1])],
      },
      HANDBOOK_15,
    );

    expect(found).toEqual({ tensors: { input: 'float_input', output: 'p1' }, problems: [] });
  });

  it('refuses an input of another width, naming the feature set', () => {
    expect(problemsOf([tensor('features', ['N', 14])], [score])).toEqual([
      'input "features" is 14 wide, but feature set handbook-15 v1 has 15 features: scoring feeds [N, 15]',
    ]);
  });

  it.each([
    [
      [features, tensor('mask', ['N', 15])],
      /^the graph takes 2 inputs \(features float32 \[N, 15\], mask/,
    ],
    [
      [tensor('features', ['N', 15], 'float64')],
      /^input "features" is float64; scoring feeds float32$/,
    ],
    [[tensor('features', [1, 15])], /fixed batch size of 1: .* first dimension must be dynamic$/],
    [[tensor('features', ['N', ''])], /no fixed width \(\[N, \?\]\): declare it 15 wide/],
    [[tensor('features', ['N', 3, 5])], /has shape \[N, 3, 5\]; scoring feeds \[N, 15\]$/],
  ])('refuses an input scoring cannot feed (%#)', (inputs, message) => {
    expect(problemsOf(inputs, [score])).toEqual([expect.stringMatching(message)]);
  });

  it("says how to fix a classifier's [N, 2] probabilities", () => {
    const outputs = [tensor('label', ['N'], 'int64'), tensor('probabilities', ['N', 2])];

    expect(problemsOf([features], outputs)).toEqual([
      expect.stringMatching(
        /^no output is a float32 \[N, 1\] score \(the graph gives label int64 \[N\], probabilities float32 \[N, 2\]\): .*slice .* positive class/,
      ),
    ]);
  });

  it('asks to choose when several outputs could be the score, and takes the choice', () => {
    const outputs = [score, tensor('raw', ['N', 1])];

    expect(problemsOf([features], outputs)).toEqual([
      'several outputs could be the score (score, raw): choose one with --score-output',
    ]);
    expect(scoreTensorsOf({ inputs: [features], outputs }, HANDBOOK_15, 'raw').tensors).toEqual({
      input: 'features',
      output: 'raw',
    });
    expect(problemsOf([features], outputs, 'margin')).toEqual([
      'the graph has no output "margin" (it gives score float32 [N, 1], raw float32 [N, 1])',
    ]);
    expect(problemsOf([features], [tensor('probabilities', ['N', 2])], 'probabilities')).toEqual([
      'output "probabilities" is float32 [N, 2], not a float32 [N, 1] score',
    ]);
  });

  it('lists the problems of the input and of the outputs together', () => {
    expect(problemsOf([tensor('x', ['N', 3], 'int64')], [])).toHaveLength(3);
  });
});
