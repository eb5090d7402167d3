import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { DEFAULT_ENDPOINTS, loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { DEFAULT_AWS_TIMEOUTS, awsClientConfig } from '@rtml/connections';
import type { AwsTimeouts } from '@rtml/connections';
import { registryEnvFields } from '@rtml/model-registry';
import { z } from 'zod';

const registryEnvSchema = z.object({
  MODEL_BUCKET: registryEnvFields.MODEL_BUCKET,
  S3_ENDPOINT: z.union([z.literal(''), z.url()]).default(DEFAULT_ENDPOINTS.s3Endpoint),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

/**
 * The services' bounds, but a model upload (`publish`) counts against the request timeout until
 * S3 answers: a large model over a slow link takes far longer than a read.
 */
const PUBLISH_TIMEOUTS: AwsTimeouts = { ...DEFAULT_AWS_TIMEOUTS, requestTimeoutMs: 300_000 };

export interface RegistryConfig {
  readonly bucket: string;
  readonly s3: S3ClientConfig;
}

/**
 * Where the registry lives: `--bucket` over $MODEL_BUCKET over `rtml-models`, at $S3_ENDPOINT
 * (default: the local stack; empty: AWS). Credentials and timeouts are the services' (see
 * awsClientConfig in libs/connections): explicit keys win, a loopback endpoint gets the local
 * stack's keys, anything else the SDK's default chain, so no key is ever baked in for AWS.
 */
export function loadRegistryConfig(
  bucketFlag: string | undefined,
  env: Environment,
): RegistryConfig {
  const config = loadConfig(registryEnvSchema, {
    ...env,
    MODEL_BUCKET: bucketFlag ?? env['MODEL_BUCKET'],
  });
  const endpoint = config.S3_ENDPOINT;
  const s3: S3ClientConfig = awsClientConfig(endpoint, config, PUBLISH_TIMEOUTS);
  // S3Proxy and MinIO serve path-style only; AWS itself prefers virtual-hosted style.
  if (endpoint !== '') s3.forcePathStyle = true;
  return { bucket: config.MODEL_BUCKET, s3 };
}
