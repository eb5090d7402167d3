import { createHash } from 'node:crypto';
import { AppError } from '@rtml/errors';
import { parseModelManifest } from './model-manifest.parser';
import type { ModelManifest } from './model-manifest.model';

export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Throws MODEL_INVALID unless the bytes hash to the manifest's checksum. */
export function verifyModelBytes(bytes: Uint8Array, expectedSha256: string, where: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256) {
    throw new AppError(
      'MODEL_INVALID',
      `${where}: model.onnx sha256 ${actual} does not match the manifest's modelSha256 ${expectedSha256}`,
      { details: { expectedSha256, actualSha256: actual } },
    );
  }
}

/** JSON text to an `unknown` value; text that is not JSON is MODEL_INVALID, like a bad field. */
export function decodeJson(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch (error) {
    throw new AppError('MODEL_INVALID', `${where}: not valid JSON`, { cause: error });
  }
}

/**
 * A stored manifest, parsed and checked against the key it was read from: a manifest copied
 * into the wrong folder would otherwise make a prediction name the wrong model.
 */
export function decodeStoredManifest(
  bytes: Uint8Array,
  identity: { readonly name: string; readonly version: string },
): ModelManifest {
  const where = `model ${identity.name} version ${identity.version}`;
  let manifest: ModelManifest;
  try {
    manifest = parseModelManifest(decodeJson(bytes, 'manifest.json'));
  } catch (error) {
    throw error instanceof AppError
      ? new AppError(error.code, `${where}: ${error.message}`, {
          cause: error,
          details: error.details,
        })
      : error;
  }
  if (manifest.name !== identity.name || manifest.version !== identity.version) {
    throw new AppError(
      'MODEL_INVALID',
      `${where}: manifest.json names model ${manifest.name} version ${manifest.version}`,
    );
  }
  return manifest;
}

/** The bytes of manifest.json as the registry writes them: stable, readable, newline-ended. */
export const encodeManifest = (manifest: ModelManifest): Uint8Array =>
  Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
