import { loadRegistryConfig } from './registry.config';

describe('loadRegistryConfig', () => {
  it('defaults to the rtml-models bucket on the local stack, with its keys', () => {
    expect(loadRegistryConfig(undefined, {})).toEqual({
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
    expect(loadRegistryConfig(undefined, { S3_ENDPOINT: '', AWS_REGION: 'eu-west-1' }).s3).toEqual({
      region: 'eu-west-1',
    });
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

  it('reports every bad variable at once', () => {
    expect(() => loadRegistryConfig('Bad_Bucket', { S3_ENDPOINT: 'not a url' })).toThrow(
      /MODEL_BUCKET: must be a valid S3 bucket name.*; S3_ENDPOINT: /,
    );
  });
});
