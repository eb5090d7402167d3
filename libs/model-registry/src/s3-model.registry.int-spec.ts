import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { AppError } from '@rtml/errors';
import { uniqueId, useS3Bucket } from '@rtml/testing';
import { trainedManifestFixture } from './model-manifest.fixture';
import { manifestKey, modelKey } from './model-storage.layout';
import { S3ModelRegistry } from './s3-model.registry';

/** Any bytes do: the registry never interprets ONNX. */
const modelBytes = (): Uint8Array => randomBytes(4096);
const trained = (model: Uint8Array) => ({ model, manifest: trainedManifestFixture(model) });

describe('S3ModelRegistry on a real S3 store', () => {
  const { client, bucket } = useS3Bucket();
  const registry = new S3ModelRegistry(client, { bucket });

  const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
    const error: unknown = await promise.then(
      () => new Error('expected a rejection'),
      (reason: unknown) => reason,
    );
    if (!(error instanceof AppError)) throw error;
    return error;
  };

  const objectBytes = async (key: string): Promise<Buffer> => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  };

  it('publishes numbered versions, lists them and shows their manifests', async () => {
    const name = uniqueId('fraud');
    const first = await registry.publish({ name, ...trained(modelBytes()) });
    const second = await registry.publish({ name, ...trained(modelBytes()) });

    const listing = await registry.listVersions(name);
    const shown = await registry.getManifest(name, '2');

    expect([first.version, second.version]).toEqual(['1', '2']);
    expect(listing.versions.map((v) => [v.version, v.createdAt, v.metrics?.auc])).toEqual([
      ['1', '2024-05-01T12:00:00.000Z', 0.87],
      ['2', '2024-05-01T12:00:00.000Z', 0.87],
    ]);
    expect([shown.name, shown.version, shown.modelSha256]).toEqual([name, '2', second.sha256]);
  });

  it('refuses to publish a version twice and keeps the first intact', async () => {
    const name = uniqueId('fraud');
    const original = modelBytes();
    await registry.publish({ name, version: '7', ...trained(original) });
    const manifestBefore = await objectBytes(manifestKey(name, '7'));

    const error = await rejection(
      registry.publish({ name, version: '7', ...trained(modelBytes()) }),
    );

    expect(error.message).toBe(
      `model ${name} version 7 already exists; versions are immutable: publish a new version`,
    );
    expect(await objectBytes(modelKey(name, '7'))).toEqual(Buffer.from(original));
    expect(await objectBytes(manifestKey(name, '7'))).toEqual(manifestBefore);
  });

  it('lets exactly one of several concurrent publishers commit a version', async () => {
    const name = uniqueId('fraud');
    const attempts = Array.from({ length: 6 }, () =>
      registry.publish({ name, version: '1', ...trained(modelBytes()) }),
    );

    const outcomes = await Promise.allSettled(attempts);
    const winner = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const loaded = await registry.loadVersion(name, '1');

    expect(winner).toHaveLength(1);
    expect(loaded.manifest.modelSha256).toBe(winner[0]?.sha256);
  });

  it('refuses a model whose bytes do not match its manifest, writing nothing', async () => {
    const name = uniqueId('fraud');
    const { manifest } = trained(modelBytes());

    const error = await rejection(registry.publish({ name, model: modelBytes(), manifest }));

    expect(error.code).toBe('MODEL_INVALID');
    expect((await registry.listVersions(name)).versions).toEqual([]);
  });

  it('finishes an interrupted publish of the same bytes and refuses other bytes', async () => {
    const name = uniqueId('fraud');
    const model = modelBytes();
    const key = modelKey(name, '1');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: model }));

    const other = await rejection(
      registry.publish({ name, version: '1', ...trained(modelBytes()) }),
    );
    const retried = await registry.publish({ name, version: '1', ...trained(model) });
    const next = await registry.publish({ name, ...trained(modelBytes()) });

    expect(other.details['reason']).toBe('version-taken');
    expect(retried.version).toBe('1');
    expect(next.version).toBe('2');
  });
});
