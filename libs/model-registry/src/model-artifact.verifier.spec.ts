import { AppError } from '@rtml/errors';
import {
  decodeStoredManifest,
  encodeManifest,
  sha256Hex,
  verifyModelBytes,
} from './model-artifact.verifier';
import { publishedManifestFixture } from './model-manifest.fixture';
import { parseModelManifest } from './model-manifest.parser';

const model = Buffer.from([1, 2, 3, 4]);
const stored = (name: string, version: string) =>
  encodeManifest(parseModelManifest(publishedManifestFixture(model, name, version)));

describe('verifyModelBytes', () => {
  it('passes bytes that hash to the expected sha256', () => {
    expect(() => verifyModelBytes(model, sha256Hex(model), 'test')).not.toThrow();
  });

  it('refuses changed bytes as MODEL_INVALID, naming both checksums', () => {
    const verify = () => verifyModelBytes(Buffer.from([1, 2, 3, 5]), sha256Hex(model), 'v3');

    expect(verify).toThrow(AppError);
    expect(verify).toThrow(/^v3: model.onnx sha256 [0-9a-f]{64} does not match .* [0-9a-f]{64}$/);
  });
});

describe('decodeStoredManifest', () => {
  it('round-trips what the registry writes', () => {
    expect(
      decodeStoredManifest(stored('fraud', '2'), { name: 'fraud', version: '2' }).version,
    ).toBe('2');
  });

  it('refuses a manifest stored under another version', () => {
    expect(() =>
      decodeStoredManifest(stored('fraud', '2'), { name: 'fraud', version: '3' }),
    ).toThrow(/model fraud version 3: manifest.json names model fraud version 2/);
  });

  it('refuses bytes that are not JSON as MODEL_INVALID', () => {
    const decode = () => decodeStoredManifest(Buffer.from('{'), { name: 'fraud', version: '1' });

    expect(decode).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(decode).toThrow(/model fraud version 1: manifest.json: not valid JSON/);
  });
});
