import type { AliasPointer, ModelAlias } from './model-alias.model';
import type { ManifestMetrics, ModelManifest } from './model-manifest.model';

export interface PublishRequest {
  readonly name: string;
  /** Omitted: the next integer above every version folder in use. */
  readonly version?: string | undefined;
  /** model.onnx, as written by the trainer. The registry never interprets it. */
  readonly model: Uint8Array;
  /** The trainer's manifest, unparsed (`JSON.parse` of manifest.json). */
  readonly manifest: unknown;
}

export interface PublishedVersion {
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly manifest: ModelManifest;
}

/** One line of `list`. A manifest that no longer parses is listed with its problem. */
export interface VersionSummary {
  readonly version: string;
  readonly createdAt: string | null;
  readonly metrics: ManifestMetrics | null;
  /** The aliases pointing at this version. */
  readonly aliases: readonly ModelAlias[];
  readonly problem: string | null;
}

export interface ModelListing {
  readonly name: string;
  /** Oldest first, in natural version order ("2" before "10"). */
  readonly versions: readonly VersionSummary[];
  readonly aliases: Readonly<Partial<Record<ModelAlias, AliasPointer>>>;
}

export interface ResolvedAlias {
  readonly pointer: AliasPointer;
  /** The alias object's ETag: pass it to `readAliasIfChanged` to poll cheaply. */
  readonly etag: string;
}

/** What a poller learns: nothing new, the alias was removed, or where it points now. */
export type AliasChange =
  | { readonly status: 'unchanged' }
  | { readonly status: 'absent' }
  | ({ readonly status: 'changed' } & ResolvedAlias);

/** A version's bytes and manifest, the bytes verified against the manifest's sha256. */
export interface LoadedModel {
  readonly manifest: ModelManifest;
  readonly model: Uint8Array;
}

export interface Promotion {
  readonly pointer: AliasPointer;
  /** False when the alias already named the version: nothing was written. */
  readonly changed: boolean;
}

export interface ClearedAlias {
  /** The version the alias pointed at, or null when there was no such alias. */
  readonly previous: string | null;
}

/**
 * The model registry: immutable versions plus movable aliases. Errors are AppErrors: NOT_FOUND
 * (no such version or alias), MODEL_INVALID (a manifest or checksum that fails verification),
 * REQUEST_INVALID (a bad name), CONFLICT (publishing a version that exists), DEPENDENCY_UNAVAILABLE
 * (the store did not answer; retriable).
 */
export interface ModelRegistry {
  /** Stores a new version; never overwrites one. Verifies the manifest and checksum first. */
  publish(request: PublishRequest): Promise<PublishedVersion>;
  /** Verifies the version (manifest parses, bytes match) and points the alias at it. */
  promote(name: string, version: string, alias: ModelAlias): Promise<Promotion>;
  /** Removes an alias (only the challenger: the champion is replaced, never left empty). */
  clearAlias(name: string, alias: ModelAlias): Promise<ClearedAlias>;
  listVersions(name: string): Promise<ModelListing>;
  getManifest(name: string, version: string): Promise<ModelManifest>;
  /** Where the alias points now, with the ETag to poll from; NOT_FOUND when unset. */
  resolveAlias(name: string, alias: ModelAlias): Promise<ResolvedAlias>;
  /**
   * A conditional read for pollers (`If-None-Match: etag`): 'unchanged' costs one request and no
   * body. Without an ETag it reads the alias like `resolveAlias` but reports absence as a value.
   */
  readAliasIfChanged(name: string, alias: ModelAlias, etag?: string): Promise<AliasChange>;
  /** A version's verified bytes and manifest; MODEL_INVALID if they do not match. */
  loadVersion(name: string, version: string): Promise<LoadedModel>;
}
