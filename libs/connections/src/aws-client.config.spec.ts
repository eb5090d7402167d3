import { DEFAULT_AWS_TIMEOUTS, awsClientConfig } from './aws-client.config';

describe('awsClientConfig', () => {
  it('uses the local stack keys for a loopback endpoint when none are configured', () => {
    expect(awsClientConfig('http://127.0.0.1:8000', { AWS_REGION: 'us-east-1' })).toMatchObject({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:8000',
      credentials: { accessKeyId: 'rtml', secretAccessKey: 'rtml-secret-key' },
    });
  });

  it('leaves credentials to the default provider chain for a remote endpoint', () => {
    const config = awsClientConfig('', { AWS_REGION: 'eu-west-1' });
    expect([config.region, config.endpoint, config.credentials]).toEqual([
      'eu-west-1',
      undefined,
      undefined,
    ]);
    expect(
      awsClientConfig('https://minio.internal:9000', { AWS_REGION: 'eu-west-1' }).credentials,
    ).toBeUndefined();
  });

  it('prefers explicitly configured keys', () => {
    const config = awsClientConfig('http://localhost:9000', {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
    });
    expect(config.credentials).toEqual({ accessKeyId: 'a', secretAccessKey: 'b' });
  });

  it('bounds every request, making the SDK throw (not just warn) past the request timeout', () => {
    expect(awsClientConfig('', { AWS_REGION: 'eu-west-1' }).requestHandler).toEqual({
      connectionTimeout: DEFAULT_AWS_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: DEFAULT_AWS_TIMEOUTS.requestTimeoutMs,
      socketTimeout: DEFAULT_AWS_TIMEOUTS.socketTimeoutMs,
      throwOnRequestTimeout: true,
    });
  });
});
