import { AppError } from '@rtml/errors';
import { decodeJson } from './model-artifact.verifier';
import type { AliasPointer, ModelAlias } from './model-alias.model';
import { parseAliasPointer } from './model-alias.parser';
import { aliasKey } from './model-storage.layout';
import type { AliasChange } from './model.registry';
import type { PutOutcome, S3ObjectStore } from './s3-object.store';

/** The alias object as found: its pointer (undefined if unreadable) and its ETag, if any. */
export interface CurrentAlias {
  readonly pointer: AliasPointer | undefined;
  readonly etag: string | undefined;
}

/** Alias objects: read (optionally conditionally), swapped with compare-and-swap, removed. */
export class S3ModelAliasStore {
  constructor(private readonly store: S3ObjectStore) {}

  async read(name: string, alias: ModelAlias, etag?: string): Promise<AliasChange> {
    const read = await this.store.getIfChanged(aliasKey(name, alias), etag);
    if (read.status !== 'changed') return read;
    return { status: 'changed', pointer: decodePointer(read.bytes, name, alias), etag: read.etag };
  }

  /** An unreadable alias object counts as no pointer, so a promotion can repair it. */
  async current(name: string, alias: ModelAlias): Promise<CurrentAlias> {
    const found = await this.store.find(aliasKey(name, alias));
    if (found === undefined) return { pointer: undefined, etag: undefined };
    try {
      return { pointer: decodePointer(found.bytes, name, alias), etag: found.etag };
    } catch (error) {
      if (error instanceof AppError && error.code === 'MODEL_INVALID') {
        return { pointer: undefined, etag: found.etag };
      }
      throw error;
    }
  }

  /**
   * Writes the pointer only if the alias is still what `current` saw (`If-Match` its ETag, or
   * `If-None-Match: *` when there was none): two promotions racing cannot both win, and the
   * loser's `previous` would otherwise be wrong.
   */
  swap(name: string, pointer: AliasPointer, current: CurrentAlias): Promise<PutOutcome> {
    const key = aliasKey(name, pointer.alias);
    const body = Buffer.from(`${JSON.stringify(pointer, null, 2)}\n`, 'utf8');
    return current.etag === undefined
      ? this.store.putIfAbsent(key, body, JSON_TYPE)
      : this.store.putIfUnchanged(key, body, JSON_TYPE, current.etag);
  }

  remove(name: string, alias: ModelAlias): Promise<void> {
    return this.store.delete(aliasKey(name, alias));
  }
}

const JSON_TYPE = 'application/json';

function decodePointer(bytes: Uint8Array, name: string, alias: ModelAlias): AliasPointer {
  const where = `alias ${alias} of model ${name}`;
  const pointer = parseAliasPointer(decodeJson(bytes, where));
  if (pointer.alias !== alias) {
    throw new AppError('MODEL_INVALID', `${where}: the object names alias ${pointer.alias}`);
  }
  return pointer;
}
