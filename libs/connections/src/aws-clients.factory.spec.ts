import { createDynamoDbClient, createS3Client } from './aws-clients.factory';

const settings = { AWS_REGION: 'eu-west-1' };
const steps = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);

describe('the project’s SDK clients', () => {
  it('leave out the SDK’s logging step, which filters every item even with no logger', async () => {
    const dynamodb = createDynamoDbClient('http://127.0.0.1:8000', settings);
    const s3 = createS3Client('http://127.0.0.1:9000', settings);
    for (const client of [dynamodb, s3]) {
      expect(steps(client)).not.toContain('loggerMiddleware');
      expect(steps(client)).toContain('retryMiddleware'); // the rest of the stack is kept
      client.destroy();
    }
  });

  it('address a custom S3 endpoint path-style and AWS itself virtual-hosted', async () => {
    const proxy = createS3Client('http://127.0.0.1:9000', settings);
    const aws = createS3Client('', settings);
    expect(proxy.config.forcePathStyle).toBe(true);
    expect(aws.config.forcePathStyle).toBe(false);
    proxy.destroy();
    aws.destroy();
  });
});
