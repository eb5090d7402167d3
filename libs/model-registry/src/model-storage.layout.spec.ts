import {
  aliasKey,
  committedVersions,
  manifestKey,
  modelKey,
  parseVersionKey,
  versionFolders,
} from './model-storage.layout';

const listed = [
  'models/fraud/1/model.onnx',
  'models/fraud/1/manifest.json',
  'models/fraud/2/model.onnx',
  'models/fraud/aliases/champion.json',
  'models/fraud/3/manifest.json/oops',
  'models/fraud-v2/7/manifest.json',
  'models/fraud/stray.txt',
];

describe('the model storage layout', () => {
  it('keeps a version under models/{name}/{version}/ and aliases beside the versions', () => {
    expect(modelKey('fraud', '3')).toBe('models/fraud/3/model.onnx');
    expect(manifestKey('fraud', '3')).toBe('models/fraud/3/manifest.json');
    expect(aliasKey('fraud', 'champion')).toBe('models/fraud/aliases/champion.json');
  });

  it('parses the version folder and file of a key, and nothing else', () => {
    expect(parseVersionKey('fraud', 'models/fraud/2/model.onnx')).toEqual({
      version: '2',
      file: 'model.onnx',
    });
    expect(parseVersionKey('fraud', 'models/fraud/aliases/champion.json')).toBeUndefined();
    expect(parseVersionKey('fraud', 'models/fraud-v2/7/manifest.json')).toBeUndefined();
    expect(parseVersionKey('fraud', 'models/fraud/stray.txt')).toBeUndefined();
  });

  it('counts a version as existing only when its manifest does', () => {
    expect(committedVersions('fraud', listed)).toEqual(['1']);
  });

  it('reports every version folder in use, unfinished publishes included', () => {
    expect(versionFolders('fraud', listed)).toEqual(['1', '2', '3']);
  });
});
