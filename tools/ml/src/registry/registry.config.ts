import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { DEFAULT_ENDPOINTS, LOCAL_STACK_CREDENTIALS, loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { registryEnvFields } from '@rtml/model-registry';
import { z } from 'zod';

const registryEnvSchema = z.object({
  MODEL_BUCKET: registryEnvFields.MODEL_BUCKET,
  S3_ENDPOINT: z.union([z.literal(''), z.url()]).default(DEFAULT_ENDPOINTS.s3Endpoint),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export interface RegistryConfig {
  readonly bucket: string;
  readonly s3: S3ClientConfig;
}

/**
 * Where the registry lives: `--bucket` over $MODEL_BUCKET over `rtml-models`, at $S3_ENDPOINT
 * (default: the local stack; empty: AWS). Credentials follow the services' rule (see
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
  const s3: S3ClientConfig = { region: config.AWS_REGION };
  // S3Proxy and MinIO serve path-style only; AWS itself prefers virtual-hosted style.
  if (endpoint !== '') Object.assign(s3, { endpoint, forcePathStyle: true });
  if (config.AWS_ACCESS_KEY_ID && config.AWS_SECRET_ACCESS_KEY) {
    s3.credentials = {
      accessKeyId: config.AWS_ACCESS_KEY_ID,
      secretAccessKey: config.AWS_SECRET_ACCESS_KEY,
    };
  } else if (endpoint !== '' && isLoopback(endpoint)) {
    s3.credentials = {
      accessKeyId: LOCAL_STACK_CREDENTIALS.accessKeyId,
      secretAccessKey: LOCAL_STACK_CREDENTIALS.secretAccessKey,
    };
  }
  return { bucket: config.MODEL_BUCKET, s3 };
}

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
