import type { S3Client } from '@aws-sdk/client-s3';
import { AppError } from '@rtml/errors';
import { decodeStoredManifest, verifyModelBytes } from './model-artifact.verifier';
import { MODEL_ALIASES } from './model-alias.model';
import type { AliasPointer, ModelAlias } from './model-alias.model';
import { checkModelName, checkVersion } from './model-identity.guard';
import type { ModelManifest } from './model-manifest.model';
import { committedVersions, manifestKey, modelKey, modelPrefix } from './model-storage.layout';
import { compareVersions } from './model-version.policy';
import type {
  AliasChange,
  ClearedAlias,
  LoadedModel,
  ModelListing,
  ModelRegistry,
  PublishedVersion,
  Promotion,
  PublishRequest,
  ResolvedAlias,
  VersionSummary,
} from './model.registry';
import { S3ObjectStore } from './s3-object.store';
import { S3ModelAliasStore } from './s3-model-alias.store';
import { S3VersionPublisher } from './s3-version.publisher';

export interface S3ModelRegistryOptions {
  readonly bucket: string;
  /** The clock stamping `promotedAt`. */
  readonly now?: () => Date;
}

/** Compare-and-swap rounds before giving up on an alias that keeps moving under us. */
const PROMOTE_ATTEMPTS = 3;

type Aliases = Partial<Record<ModelAlias, AliasPointer>>;

/** The model registry on any S3 API store (AWS S3, MinIO, S3Proxy); layout in model-storage.layout. */
export class S3ModelRegistry implements ModelRegistry {
  private readonly store: S3ObjectStore;
  private readonly publisher: S3VersionPublisher;
  private readonly aliases: S3ModelAliasStore;
  private readonly now: () => Date;

  constructor(client: S3Client, options: S3ModelRegistryOptions) {
    this.store = new S3ObjectStore(client, options.bucket);
    this.publisher = new S3VersionPublisher(this.store);
    this.aliases = new S3ModelAliasStore(this.store);
    this.now = options.now ?? (() => new Date());
  }

  get bucket(): string {
    return this.store.bucket;
  }

  /** Creates the bucket when missing (tooling only: services expect it provisioned). */
  ensureBucket(): Promise<boolean> {
    return this.store.ensureBucket();
  }

  publish(request: PublishRequest): Promise<PublishedVersion> {
    return this.publisher.publish(request);
  }

  /**
   * Verifies the version first, so a corrupt model or manifest never becomes the alias target.
   * Promoting the version the alias already names writes nothing (pollers see no change).
   */
  async promote(name: string, version: string, alias: ModelAlias): Promise<Promotion> {
    const { manifest } = await this.loadVersion(name, version);
    for (let attempt = 1; attempt <= PROMOTE_ATTEMPTS; attempt += 1) {
      const current = await this.aliases.current(name, alias);
      if (current.pointer?.version === version) return { pointer: current.pointer, changed: false };
      const pointer: AliasPointer = Object.freeze({
        alias,
        version,
        sha256: manifest.modelSha256,
        promotedAt: this.now().toISOString(),
        previous: current.pointer?.version ?? null,
      });
      const outcome = await this.aliases.swap(name, pointer, current);
      if (outcome === 'written') return { pointer, changed: true };
    }
    throw new AppError('INTERNAL', `the ${alias} of model ${name} kept changing while promoting`);
  }

  async clearAlias(name: string, alias: ModelAlias): Promise<ClearedAlias> {
    checkModelName(name);
    if (alias === 'champion') {
      throw new AppError(
        'REQUEST_INVALID',
        'the champion cannot be cleared (scoring would have nothing to serve); promote another version instead',
      );
    }
    const current = await this.aliases.current(name, alias);
    await this.aliases.remove(name, alias);
    return { previous: current.pointer?.version ?? null };
  }

  async listVersions(name: string): Promise<ModelListing> {
    checkModelName(name);
    const keys = await this.store.listKeys(modelPrefix(name));
    const versions = committedVersions(name, keys).sort(compareVersions);
    const aliases = await this.readAliases(name);
    const summaries = await Promise.all(versions.map((v) => this.summarize(name, v, aliases)));
    return { name, versions: summaries, aliases };
  }

  async getManifest(name: string, version: string): Promise<ModelManifest> {
    checkModelName(name);
    checkVersion(version);
    const stored = await this.store.find(manifestKey(name, version));
    if (stored === undefined) {
      throw new AppError('NOT_FOUND', `model ${name} has no version ${version}`);
    }
    return decodeStoredManifest(stored.bytes, { name, version });
  }

  async resolveAlias(name: string, alias: ModelAlias): Promise<ResolvedAlias> {
    const read = await this.readAliasIfChanged(name, alias);
    if (read.status !== 'changed') {
      throw new AppError('NOT_FOUND', `model ${name} has no ${alias}`);
    }
    return { pointer: read.pointer, etag: read.etag };
  }

  readAliasIfChanged(name: string, alias: ModelAlias, etag?: string): Promise<AliasChange> {
    return this.aliases.read(checkModelName(name), alias, etag);
  }

  async loadVersion(name: string, version: string): Promise<LoadedModel> {
    const manifest = await this.getManifest(name, version);
    const stored = await this.store.find(modelKey(name, version));
    const where = `model ${name} version ${version}`;
    if (stored === undefined) {
      throw new AppError(
        'MODEL_INVALID',
        `${where}: manifest.json exists but model.onnx is missing`,
      );
    }
    verifyModelBytes(stored.bytes, manifest.modelSha256, where);
    return { manifest, model: stored.bytes };
  }

  private async readAliases(name: string): Promise<Aliases> {
    const found = await Promise.all(MODEL_ALIASES.map((a) => this.aliases.current(name, a)));
    return Object.fromEntries(
      found.flatMap(({ pointer: p }) => (p ? [[p.alias, p]] : [])),
    ) as Aliases;
  }

  private async summarize(
    name: string,
    version: string,
    aliases: Aliases,
  ): Promise<VersionSummary> {
    const pointing = MODEL_ALIASES.filter((alias) => aliases[alias]?.version === version);
    try {
      const manifest = await this.getManifest(name, version);
      const { createdAt, metrics } = manifest;
      return { version, createdAt, metrics, aliases: pointing, problem: null };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'MODEL_INVALID') throw error;
      return { version, createdAt: null, metrics: null, aliases: pointing, problem: error.message };
    }
  }
}
