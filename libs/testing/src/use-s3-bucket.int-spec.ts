import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { useS3Bucket } from './use-s3-bucket';

describe('the S3 store of the test stack', () => {
  const { client, bucket } = useS3Bucket();

  it('puts objects, lists them by prefix and gets one back byte for byte', async () => {
    const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'models/fraud/1/model.onnx', Body: body }),
    );
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'models/fraud/1/manifest.json',
        Body: '{"version":1}',
      }),
    );
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'other/readme.txt', Body: 'not a model' }),
    );

    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'models/fraud/' }),
    );
    const fetched = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'models/fraud/1/model.onnx' }),
    );
    const bytes = Buffer.from(await fetched.Body!.transformToByteArray());

    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([
      'models/fraud/1/manifest.json',
      'models/fraud/1/model.onnx',
    ]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
  });
});
