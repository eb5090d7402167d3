import { AppError } from '@rtml/errors';
import { encodeManifest, sha256Hex, verifyModelBytes } from './model-artifact.verifier';
import { checkModelName, checkVersion } from './model-identity.guard';
import { parseTrainedManifest } from './model-manifest.parser';
import type { PublishableManifest } from './model-manifest.parser';
import type { ModelManifest } from './model-manifest.model';
import { manifestKey, modelKey, modelPrefix, versionFolders } from './model-storage.layout';
import { nextVersion } from './model-version.policy';
import type { PublishedVersion, PublishRequest } from './model.registry';
import type { S3ObjectStore } from './s3-object.store';

/** `details.reason` of the error refusing a version that exists or is being written. */
export const VERSION_TAKEN = 'version-taken';
const AUTO_VERSION_ATTEMPTS = 5;

/**
 * Publishes versions without ever overwriting one. The manifest is the commit point (a version
 * exists iff its manifest exists) and is written last, so a reader never sees a manifest whose
 * model is missing. Every write is `If-None-Match: *`: on stores that honour it (AWS S3 and MinIO
 * document it; S3Proxy 4.1 on its filesystem backend answers 412 and kept exactly one of 16
 * racing writers when we tried) two publishers can never both commit a version. The existence
 * check in front gives a clear error before a large upload, and is the only guard on a store
 * that ignores the header (there two publishers racing for one version could both write).
 */
export class S3VersionPublisher {
  constructor(private readonly store: S3ObjectStore) {}

  async publish(request: PublishRequest): Promise<PublishedVersion> {
    const name = checkModelName(request.name);
    const trained = parseTrainedManifest(request.manifest);
    verifyModelBytes(request.model, trained.modelSha256, `publish model ${name}`);
    if (trained.name !== undefined && trained.name !== name) {
      throw new AppError(
        'REQUEST_INVALID',
        `manifest.json names model ${trained.name}, not ${name}: publish it under its own name`,
      );
    }
    const explicit = request.version ?? trained.version;
    if (explicit !== undefined) {
      if (trained.version !== undefined && trained.version !== explicit) {
        throw new AppError(
          'REQUEST_INVALID',
          `manifest.json names version ${trained.version}, not ${explicit}`,
        );
      }
      return this.publishAs(name, checkVersion(explicit), request.model, trained);
    }
    return this.publishNext(name, request.model, trained);
  }

  /** The next free number; if a concurrent publisher takes it first, the one after. */
  private async publishNext(
    name: string,
    model: Uint8Array,
    trained: PublishableManifest,
  ): Promise<PublishedVersion> {
    for (let attempt = 1; ; attempt += 1) {
      const keys = await this.store.listKeys(modelPrefix(name));
      const version = nextVersion(versionFolders(name, keys));
      try {
        return await this.publishAs(name, version, model, trained);
      } catch (error) {
        if (!isVersionTaken(error) || attempt >= AUTO_VERSION_ATTEMPTS) throw error;
      }
    }
  }

  private async publishAs(
    name: string,
    version: string,
    model: Uint8Array,
    trained: PublishableManifest,
  ): Promise<PublishedVersion> {
    const { name: _name, version: _version, ...fields } = trained;
    const manifest: ModelManifest = { name, version, ...fields };
    if (await this.store.exists(manifestKey(name, version))) throw versionExists(name, version);
    await this.writeModel(name, version, model, trained.modelSha256);
    const body = encodeManifest(manifest);
    const commit = await this.store.putIfAbsent(manifestKey(name, version), body, JSON_TYPE);
    if (commit === 'conflict') throw versionExists(name, version);
    return { name, version, sha256: trained.modelSha256, manifest };
  }

  private async writeModel(name: string, version: string, model: Uint8Array, sha256: string) {
    const key = modelKey(name, version);
    if ((await this.store.putIfAbsent(key, model, ONNX_TYPE)) === 'written') return;
    // Taken but not committed: the same bytes are a retry of an interrupted publish (finish it);
    // other bytes belong to another publisher, or to an abandoned attempt an operator must remove.
    const existing = await this.store.get(key);
    if (sha256Hex(existing.bytes) === sha256) return;
    throw new AppError(
      'CONFLICT',
      `model ${name} version ${version} is taken: ${key} holds other bytes and no manifest yet ` +
        '(a concurrent or abandoned publish); publish another version',
      { details: { reason: VERSION_TAKEN, name, version } },
    );
  }
}

const JSON_TYPE = 'application/json';
const ONNX_TYPE = 'application/octet-stream';

const versionExists = (name: string, version: string): AppError =>
  new AppError(
    'CONFLICT',
    `model ${name} version ${version} already exists; versions are immutable: publish a new version`,
    { details: { reason: VERSION_TAKEN, name, version } },
  );

const isVersionTaken = (error: unknown): boolean =>
  error instanceof AppError && error.details['reason'] === VERSION_TAKEN;
