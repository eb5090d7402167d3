import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { testEndpoints } from './test-endpoints';
import { uniqueId } from './unique-id';

export interface S3TestContext {
  readonly client: S3Client;
  /** A bucket created for the suite, emptied and deleted afterwards. */
  readonly bucket: string;
}

export function s3ClientFor(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string; region: string },
): S3Client {
  return new S3Client({ endpoint, region: credentials.region, credentials, forcePathStyle: true });
}

/** An isolated bucket on the real S3-compatible store for the calling `describe`. */
export function useS3Bucket(): S3TestContext {
  const endpoints = testEndpoints();
  const client = s3ClientFor(endpoints.s3Endpoint, endpoints.credentials);
  const bucket = uniqueId('bucket');

  beforeAll(() => client.send(new CreateBucketCommand({ Bucket: bucket })));
  afterAll(async () => {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((object) =>
        object.Key ? [{ Key: object.Key }] : [],
      );
      if (keys.length > 0)
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
      token = page.NextContinuationToken;
    } while (token);
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    client.destroy();
  });

  return { client, bucket };
}
