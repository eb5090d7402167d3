import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelManifest } from '@rtml/model-training';

/**
 * Writes `model.onnx` and `manifest.json` into `dir`, the layout `model publish --dir` reads.
 * Each file appears complete or not at all; the manifest last, as it vouches for the model.
 */
export async function writeModelArtifacts(
  dir: string,
  onnx: Uint8Array,
  manifest: ModelManifest,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.onnx.partial'), onnx);
  await rename(join(dir, 'model.onnx.partial'), join(dir, 'model.onnx'));
  await writeFile(join(dir, 'manifest.json.partial'), `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(join(dir, 'manifest.json.partial'), join(dir, 'manifest.json'));
}
