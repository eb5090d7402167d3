import { DYNAMODB_CREDENTIALS, S3_CREDENTIALS, STACK_ENDPOINTS } from './stack.config';

export interface StackAwsClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle?: boolean;
}

/**
 * Fresh (unfrozen) client settings for the AWS SDK. Warning: the SDK writes into the credentials
 * object it is given ("Cannot set properties of undefined (setting 'CREDENTIALS_CODE')" when it is
 * frozen), so never hand it the frozen constants of stack.config.ts directly.
 */
export function s3ClientConfig(): StackAwsClientConfig {
  return {
    endpoint: STACK_ENDPOINTS.s3Endpoint,
    region: STACK_ENDPOINTS.region,
    credentials: { ...S3_CREDENTIALS },
    // S3Proxy (and MinIO here) serve path-style only: http://127.0.0.1:9000/<bucket>/<key>.
    forcePathStyle: true,
  };
}

export function dynamodbClientConfig(): StackAwsClientConfig {
  return {
    endpoint: STACK_ENDPOINTS.dynamodbEndpoint,
    region: STACK_ENDPOINTS.region,
    credentials: { ...DYNAMODB_CREDENTIALS },
  };
}
