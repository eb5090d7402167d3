import type { AliasChange, AliasPointer } from '@rtml/model-registry';
import type { ServingModel } from './serving-model.model';

/** What to do about one poll of an alias. */
export type AliasPlan =
  | { readonly action: 'keep' }
  | { readonly action: 'remove' }
  | { readonly action: 'load'; readonly pointer: AliasPointer; readonly etag: string }
  | {
      readonly action: 'skip';
      readonly pointer: AliasPointer;
      readonly reason: 'serving' | 'refused';
      readonly detail: string;
    };

const versionKey = (pointer: AliasPointer): string => `${pointer.version}@${pointer.sha256}`;

/**
 * Where one alias stood when we last acted on it: the ETag to poll from and the versions already
 * refused. A refused version's ETag is kept, so the poller sees "unchanged" until the alias moves
 * (no reload loop on a bad model); if it ever points back at a refused version, that version is
 * skipped without a download. A transient failure records nothing, so the next poll retries.
 */
export class AliasTracker {
  private seenEtag: string | undefined;
  private readonly refusals = new Map<string, string>();

  /** The ETag to poll with: undefined until an alias was seen (or after it disappeared). */
  get etag(): string | undefined {
    return this.seenEtag;
  }

  plan(change: AliasChange, serving: ServingModel | undefined): AliasPlan {
    if (change.status === 'unchanged') return { action: 'keep' };
    if (change.status === 'absent') {
      this.seenEtag = undefined;
      return { action: 'remove' };
    }
    const { pointer, etag } = change;
    if (serving?.ref.version === pointer.version && serving.sha256 === pointer.sha256) {
      this.seenEtag = etag;
      return { action: 'skip', pointer, reason: 'serving', detail: 'already serving it' };
    }
    const refusal = this.refusals.get(versionKey(pointer));
    if (refusal !== undefined) {
      this.seenEtag = etag;
      return { action: 'skip', pointer, reason: 'refused', detail: refusal };
    }
    return { action: 'load', pointer, etag };
  }

  loaded(etag: string): void {
    this.seenEtag = etag;
  }

  refused(etag: string, pointer: AliasPointer, reason: string): void {
    this.seenEtag = etag;
    this.refusals.set(versionKey(pointer), reason);
  }
}
