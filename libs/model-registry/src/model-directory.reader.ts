import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@rtml/errors';
import { decodeJson } from './model-artifact.verifier';
import { MANIFEST_FILE, MODEL_FILE } from './model-storage.layout';

/** A trainer's output directory, read but not yet verified (publish verifies). */
export interface ModelDirectory {
  readonly model: Uint8Array;
  /** `JSON.parse` of manifest.json, still `unknown`. */
  readonly manifest: unknown;
}

/** Reads `model.onnx` and `manifest.json` from a directory; a missing file is NOT_FOUND. */
export async function readModelDirectory(dir: string): Promise<ModelDirectory> {
  const [model, manifestBytes] = await Promise.all([
    readLocal(join(dir, MODEL_FILE)),
    readLocal(join(dir, MANIFEST_FILE)),
  ]);
  return { model, manifest: decodeJson(manifestBytes, join(dir, MANIFEST_FILE)) };
}

async function readLocal(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'NOT_FOUND' : 'INTERNAL', `cannot read ${path}`, {
      cause: error,
      retriable: false,
    });
  }
}
