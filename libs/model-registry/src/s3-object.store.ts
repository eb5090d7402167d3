import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3StatusOf, toStoreError } from './s3-error.mapper';

export interface StoredObject {
  readonly bytes: Uint8Array;
  /** The store's ETag, verbatim (quotes included): hand it back for a conditional read. */
  readonly etag: string;
}

export type PutOutcome = 'written' | 'conflict';

export type ConditionalRead =
  | { readonly status: 'unchanged' }
  | { readonly status: 'absent' }
  | ({ readonly status: 'changed' } & StoredObject);

/**
 * The few object operations the registry needs, over one bucket, with every failure mapped by
 * `toStoreError`. Keys are the registry's business; this class knows nothing about models.
 */
export class S3ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  async get(key: string): Promise<StoredObject> {
    return this.guard(key, async () => {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      const bytes = (await result.Body?.transformToByteArray()) ?? new Uint8Array();
      return { bytes, etag: result.ETag ?? '' };
    });
  }

  /** The object, or undefined when the key is free (a missing bucket is still an error). */
  async find(key: string): Promise<StoredObject | undefined> {
    const read = await this.getIfChanged(key, undefined);
    return read.status === 'changed' ? { bytes: read.bytes, etag: read.etag } : undefined;
  }

  /** A cheap poll: 304 (the ETag still matches) means unchanged, and no body is transferred. */
  async getIfChanged(key: string, etag: string | undefined): Promise<ConditionalRead> {
    try {
      const command = new GetObjectCommand({ Bucket: this.bucket, Key: key, IfNoneMatch: etag });
      const result = await this.client.send(command);
      const bytes = (await result.Body?.transformToByteArray()) ?? new Uint8Array();
      return { status: 'changed', bytes, etag: result.ETag ?? '' };
    } catch (error) {
      const status = s3StatusOf(error);
      if (status === 304) return { status: 'unchanged' };
      if (status === 404 && !isMissingBucket(error)) return { status: 'absent' };
      throw toStoreError(error, this.where(key));
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (s3StatusOf(error) === 404) return false;
      throw toStoreError(error, this.where(key));
    }
  }

  /**
   * Creates the object only if the key is free (`If-None-Match: *`); 'conflict' when the store
   * answers 412. A store that ignores the header overwrites instead, so callers keep their own
   * existence check in front (see S3VersionPublisher).
   */
  putIfAbsent(key: string, body: Uint8Array, contentType: string): Promise<PutOutcome> {
    return this.conditionalPut(key, body, contentType, { IfNoneMatch: '*' });
  }

  /**
   * Replaces the object only if its ETag is still `etag` (`If-Match`): a compare-and-swap.
   * S3Proxy 4.1's filesystem backend honours it by checking before writing (not atomic).
   */
  putIfUnchanged(
    key: string,
    body: Uint8Array,
    contentType: string,
    etag: string,
  ): Promise<PutOutcome> {
    return this.conditionalPut(key, body, contentType, { IfMatch: etag });
  }

  async delete(key: string): Promise<void> {
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: key });
    await this.guard(key, () => this.client.send(command));
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: prefix,
        ContinuationToken: token,
      });
      const page = await this.guard(prefix, () => this.client.send(command));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /** Creates the bucket when it is missing; true when it did. */
  async ensureBucket(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return false;
    } catch (error) {
      if (s3StatusOf(error) !== 404) throw toStoreError(error, `bucket ${this.bucket}`);
    }
    const command = new CreateBucketCommand({ Bucket: this.bucket });
    await this.guard('', () => this.client.send(command));
    return true;
  }

  private async conditionalPut(
    key: string,
    body: Uint8Array,
    contentType: string,
    condition: { IfNoneMatch: string } | { IfMatch: string },
  ): Promise<PutOutcome> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ContentType: contentType,
      ...condition,
    });
    try {
      await this.client.send(command);
      return 'written';
    } catch (error) {
      if (s3StatusOf(error) === 412) return 'conflict';
      throw toStoreError(error, this.where(key));
    }
  }

  private async guard<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toStoreError(error, this.where(key));
    }
  }

  private where(key: string): string {
    return key === '' ? `bucket ${this.bucket}` : `s3://${this.bucket}/${key}`;
  }
}

const isMissingBucket = (error: unknown): boolean =>
  error instanceof Error && error.name === 'NoSuchBucket';
