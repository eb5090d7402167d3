import { loadRegistryConfig } from './registry.config';

describe('loadRegistryConfig', () => {
  it('defaults to the rtml-models bucket on the local stack, with its keys', () => {
    expect(loadRegistryConfig(undefined, {})).toMatchObject({
      bucket: 'rtml-models',
      s3: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'rtml', secretAccessKey: 'rtml-secret-key' },
      },
    });
  });

  it('takes --bucket over MODEL_BUCKET', () => {
    expect(loadRegistryConfig('from-flag', { MODEL_BUCKET: 'from-env' }).bucket).toBe('from-flag');
    expect(loadRegistryConfig(undefined, { MODEL_BUCKET: 'from-env' }).bucket).toBe('from-env');
  });

  it('leaves credentials to the SDK chain for AWS (an empty endpoint)', () => {
    const { s3 } = loadRegistryConfig(undefined, { S3_ENDPOINT: '', AWS_REGION: 'eu-west-1' });

    expect([s3.region, s3.endpoint, s3.credentials, s3.forcePathStyle]).toEqual([
      'eu-west-1',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('uses explicit keys when given', () => {
    const env = {
      S3_ENDPOINT: 'https://s3.example.com',
      AWS_ACCESS_KEY_ID: 'k',
      AWS_SECRET_ACCESS_KEY: 's',
    };

    expect(loadRegistryConfig(undefined, env).s3.credentials).toEqual({
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
  });

  it('bounds requests like the services, with room for a model upload', () => {
    expect(loadRegistryConfig(undefined, {}).s3.requestHandler).toEqual({
      connectionTimeout: 2_000,
      requestTimeout: 300_000,
      socketTimeout: 5_000,
      throwOnRequestTimeout: true,
    });
  });

  it('reports every bad variable at once', () => {
    expect(() => loadRegistryConfig('Bad_Bucket', { S3_ENDPOINT: 'not a url' })).toThrow(
      /MODEL_BUCKET: must be a valid S3 bucket name.*; S3_ENDPOINT: /,
    );
  });
});
