import { rm } from 'node:fs/promises';
import { testEndpoints, uniqueId, useS3Bucket } from '@rtml/testing';
import { writeModelDirectory } from './model-directory.fixture';
import { runRegistryCli } from './registry.cli';

describe('the model registry command line on a real S3 store', () => {
  const { bucket } = useS3Bucket();
  const endpoints = testEndpoints();
  const env = {
    S3_ENDPOINT: endpoints.s3Endpoint,
    AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
    MODEL_BUCKET: bucket,
  };
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRegistryCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      env,
    );
    const last = out.at(-1);
    return { code, out, err, result: last ? (JSON.parse(last) as Record<string, unknown>) : {} };
  }

  it('publishes, promotes, lists and shows, ending each run with a JSON result', async () => {
    const name = uniqueId('fraud');
    const model = await writeModelDirectory();
    dirs.push(model.dir);

    const published = await run('publish', '--name', name, '--dir', model.dir);
    const promoted = await run('promote', '--name', name, '--version', '1');
    const listed = await run('list', '--name', name);
    const shown = await run('show', '--name', name);

    expect([published.code, promoted.code, listed.code, shown.code]).toEqual([0, 0, 0, 0]);
    expect(published.result).toEqual({
      command: 'publish',
      name,
      version: '1',
      sha256: model.sha256,
      bucket,
    });
    expect(promoted.result).toMatchObject({ alias: 'champion', version: '1', changed: true });
    expect(listed.out[2]).toMatch(/^ {2}1 .* champion$/);
    expect(shown.result).toMatchObject({ alias: 'champion', manifest: { name, version: '1' } });
  });

  it('exits 1 with one line when the version already exists', async () => {
    const name = uniqueId('fraud');
    const model = await writeModelDirectory();
    dirs.push(model.dir);
    await run('publish', '--name', name, '--dir', model.dir);

    const again = await run('publish', '--name', name, '--dir', model.dir, '--version', '1');

    expect([again.code, again.out, again.err]).toEqual([
      1,
      [],
      [
        `model publish: CONFLICT: model ${name} version 1 already exists; versions are immutable: publish a new version`,
      ],
    ]);
  });
});
