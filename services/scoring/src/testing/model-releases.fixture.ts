import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { S3ModelRegistry, aliasKey, modelKey } from '@rtml/model-registry';
import type { AliasPointer, ModelAlias } from '@rtml/model-registry';
import type { TrainedArtifact } from './trained-model.fixture';

/** Puts trained models in a real registry the way operators do, and the ways they go wrong. */
export class ModelReleases {
  readonly registry: S3ModelRegistry;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly name: string,
  ) {
    this.registry = new S3ModelRegistry(s3, { bucket });
  }

  /** Publishes a version and points the alias at it, as `model publish` and `model promote` do. */
  async release(artifact: TrainedArtifact, alias: ModelAlias = 'champion'): Promise<string> {
    const { version } = await this.publish(artifact);
    await this.registry.promote(this.name, version, alias);
    return version;
  }

  /**
   * Publishes a version whose model.onnx is then corrupted at rest, and points the champion at it
   * behind the registry's back (its `promote` would refuse): what a scorer must catch itself.
   */
  async releaseCorrupted(artifact: TrainedArtifact): Promise<string> {
    const { version, sha256 } = await this.publish(artifact);
    const corrupted = Uint8Array.from(artifact.model);
    corrupted[Math.floor(corrupted.length / 2)]! ^= 0xff;
    const pointer: AliasPointer = {
      alias: 'champion',
      version,
      sha256,
      promotedAt: new Date().toISOString(),
      previous: null,
    };
    await this.put(modelKey(this.name, version), corrupted);
    await this.put(aliasKey(this.name, 'champion'), Buffer.from(JSON.stringify(pointer)));
    return version;
  }

  private publish(artifact: TrainedArtifact) {
    const { model, manifest } = artifact;
    return this.registry.publish({ name: this.name, model, manifest });
  }

  private async put(key: string, body: Uint8Array): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body }));
  }
}
