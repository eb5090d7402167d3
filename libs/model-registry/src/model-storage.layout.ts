/**
 * Where the registry keeps things in the bucket. These keys are API (the scoring service and
 * every published model depend on them): add, never rename.
 *
 *   models/{name}/{version}/model.onnx
 *   models/{name}/{version}/manifest.json     the commit point: a version exists iff this exists
 *   models/{name}/aliases/{alias}.json        a pointer at a version
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const MODELS_ROOT = 'models';
const ALIASES_FOLDER = 'aliases';
export const MODEL_FILE = 'model.onnx';
export const MANIFEST_FILE = 'manifest.json';

export const modelPrefix = (name: string): string => `${MODELS_ROOT}/${name}/`;

export const modelKey = (name: string, version: string): string =>
  `${modelPrefix(name)}${version}/${MODEL_FILE}`;

export const manifestKey = (name: string, version: string): string =>
  `${modelPrefix(name)}${version}/${MANIFEST_FILE}`;

export const aliasKey = (name: string, alias: string): string =>
  `${modelPrefix(name)}${ALIASES_FOLDER}/${alias}.json`;

/** The version folder and file of a key under `models/{name}/`, or undefined for aliases and strays. */
export function parseVersionKey(
  name: string,
  key: string,
): { readonly version: string; readonly file: string } | undefined {
  const prefix = modelPrefix(name);
  if (!key.startsWith(prefix)) return undefined;
  const [version, file, ...rest] = key.slice(prefix.length).split('/');
  if (version === undefined || file === undefined || rest.length > 0) return undefined;
  if (version === '' || file === '' || version === ALIASES_FOLDER) return undefined;
  return { version, file };
}

/** Versions among listed keys: a version exists iff its manifest does. */
export function committedVersions(name: string, keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    const parsed = parseVersionKey(name, key);
    return parsed?.file === MANIFEST_FILE ? [parsed.version] : [];
  });
}

/** Every version folder in use, finished or not, so numbering never lands on a half-publish. */
export function versionFolders(name: string, keys: readonly string[]): string[] {
  const prefix = modelPrefix(name);
  const folders = keys.flatMap((key) => {
    if (!key.startsWith(prefix)) return [];
    const [folder, ...rest] = key.slice(prefix.length).split('/');
    return folder && rest.length > 0 && folder !== ALIASES_FOLDER ? [folder] : [];
  });
  return [...new Set(folders)];
}
