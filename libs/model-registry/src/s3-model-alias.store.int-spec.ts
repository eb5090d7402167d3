import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { AppError } from '@rtml/errors';
import { uniqueId, useS3Bucket } from '@rtml/testing';
import { trainedManifestFixture } from './model-manifest.fixture';
import { aliasKey, manifestKey, modelKey } from './model-storage.layout';
import { S3ModelRegistry } from './s3-model.registry';

describe('promoting, polling and loading models on a real S3 store', () => {
  const { client, bucket } = useS3Bucket();
  let tick = Date.parse('2024-06-01T00:00:00.000Z');
  const registry = new S3ModelRegistry(client, { bucket, now: () => new Date((tick += 1000)) });

  /** A model with versions "1" and "2" published. */
  async function publishedModel(): Promise<string> {
    const name = uniqueId('fraud');
    for (const version of ['1', '2']) {
      const model = randomBytes(2048);
      await registry.publish({ name, version, model, manifest: trainedManifestFixture(model) });
    }
    return name;
  }

  const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
    const error: unknown = await promise.then(
      () => new Error('expected a rejection'),
      (reason: unknown) => reason,
    );
    if (!(error instanceof AppError)) throw error;
    return error;
  };

  const overwrite = (key: string, body: Uint8Array | string) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  it('points an alias at a version; a poller sees no change, then the promotion', async () => {
    const name = await publishedModel();
    const { pointer: first } = await registry.promote(name, '1', 'champion');
    const resolved = await registry.resolveAlias(name, 'champion');

    const before = await registry.readAliasIfChanged(name, 'champion', resolved.etag);
    const { pointer: second } = await registry.promote(name, '2', 'champion');
    const after = await registry.readAliasIfChanged(name, 'champion', resolved.etag);

    expect(resolved.pointer).toEqual(first);
    expect(first).toMatchObject({ alias: 'champion', version: '1', previous: null });
    expect(before).toEqual({ status: 'unchanged' });
    expect(after).toMatchObject({ status: 'changed', pointer: second });
    expect(second).toMatchObject({ version: '2', previous: '1' });
    expect(after.status === 'changed' && after.etag).not.toBe(resolved.etag);
  });

  it('writes nothing when the alias already names the version', async () => {
    const name = await publishedModel();
    await registry.promote(name, '1', 'champion');
    const { etag } = await registry.resolveAlias(name, 'champion');

    const again = await registry.promote(name, '1', 'champion');

    expect(again.changed).toBe(false);
    expect(await registry.readAliasIfChanged(name, 'champion', etag)).toEqual({
      status: 'unchanged',
    });
  });

  it('refuses to promote an unknown version with NOT_FOUND', async () => {
    const name = await publishedModel();

    const error = await rejection(registry.promote(name, '9', 'champion'));

    expect([error.code, error.message]).toEqual(['NOT_FOUND', `model ${name} has no version 9`]);
  });

  it('refuses a version whose model bytes were corrupted and leaves the alias where it was', async () => {
    const name = await publishedModel();
    await registry.promote(name, '1', 'champion');
    const { etag } = await registry.resolveAlias(name, 'champion');
    await overwrite(modelKey(name, '2'), randomBytes(2048));

    const error = await rejection(registry.promote(name, '2', 'champion'));

    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/model.onnx sha256 [0-9a-f]{64} does not match/);
    expect(await registry.readAliasIfChanged(name, 'champion', etag)).toEqual({
      status: 'unchanged',
    });
  });

  it('refuses a version whose manifest no longer parses', async () => {
    const name = await publishedModel();
    await overwrite(manifestKey(name, '2'), '{"name": "broken"}');

    const error = await rejection(registry.promote(name, '2', 'challenger'));

    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(new RegExp(`^model ${name} version 2: invalid model manifest: `));
    expect(await registry.readAliasIfChanged(name, 'challenger')).toEqual({ status: 'absent' });
  });

  it('loads verified bytes and manifest, and refuses bytes that fail the checksum', async () => {
    const name = uniqueId('fraud');
    const model = randomBytes(3000);
    await registry.publish({ name, model, manifest: trainedManifestFixture(model) });

    const loaded = await registry.loadVersion(name, '1');
    await overwrite(modelKey(name, '1'), Buffer.concat([model, Buffer.from([0])]));
    const error = await rejection(registry.loadVersion(name, '1'));

    expect(Buffer.from(loaded.model)).toEqual(model);
    expect(loaded.manifest.version).toBe('1');
    expect(error.code).toBe('MODEL_INVALID');
  });

  it('clears the challenger, which pollers see as absent; the champion cannot be cleared', async () => {
    const name = await publishedModel();
    await registry.promote(name, '1', 'champion');
    await registry.promote(name, '2', 'challenger');
    const { etag } = await registry.resolveAlias(name, 'challenger');

    const listed = await registry.listVersions(name);
    const cleared = await registry.clearAlias(name, 'challenger');
    const refused = await rejection(registry.clearAlias(name, 'champion'));

    expect(listed.versions.map((v) => v.aliases)).toEqual([['champion'], ['challenger']]);
    expect(cleared).toEqual({ previous: '2' });
    expect(await registry.readAliasIfChanged(name, 'challenger', etag)).toEqual({
      status: 'absent',
    });
    expect((await rejection(registry.resolveAlias(name, 'challenger'))).code).toBe('NOT_FOUND');
    expect(refused.code).toBe('REQUEST_INVALID');
  });

  it('repairs an unreadable alias object by promoting over it', async () => {
    const name = await publishedModel();
    await overwrite(aliasKey(name, 'champion'), 'not json');

    expect((await rejection(registry.resolveAlias(name, 'champion'))).code).toBe('MODEL_INVALID');
    expect(await registry.promote(name, '2', 'champion')).toMatchObject({
      pointer: { version: '2', previous: null },
      changed: true,
    });
  });
});
