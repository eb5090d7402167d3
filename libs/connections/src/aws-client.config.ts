import { LOCAL_STACK_CREDENTIALS } from '@rtml/config';

export interface AwsConnectionSettings {
  readonly AWS_REGION: string;
  readonly AWS_ACCESS_KEY_ID?: string | undefined;
  readonly AWS_SECRET_ACCESS_KEY?: string | undefined;
}

/** Milliseconds an SDK request may take, by phase; past one it fails as a retriable TimeoutError. */
export interface AwsTimeouts {
  /** To establish the TCP (and TLS) connection. */
  readonly connectionTimeoutMs: number;
  /** From sending the request to the response's headers (the request body's upload included). */
  readonly requestTimeoutMs: number;
  /** Without a byte either way on the socket, response body included. */
  readonly socketTimeoutMs: number;
}

/**
 * DynamoDB and S3 answer in milliseconds; these bounds are far past a healthy answer and well
 * inside a consumer's session timeout even with the SDK's 3 attempts, so a hung store fails the
 * batch (to be retried) instead of holding its partition. Uploads of large objects (a model
 * publish) need a longer request timeout: pass one.
 */
export const DEFAULT_AWS_TIMEOUTS: AwsTimeouts = {
  connectionTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  socketTimeoutMs: 5_000,
};

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** NodeHttpHandler options (the SDK builds its handler from them). */
  requestHandler: {
    connectionTimeout: number;
    requestTimeout: number;
    socketTimeout: number;
    /** Without it, the SDK only logs a warning when `requestTimeout` passes. */
    throwOnRequestTimeout: true;
  };
}

/**
 * SDK client settings. Explicit keys win; with none, a loopback endpoint (the local stack)
 * gets its well-known local keys, and anything else uses the SDK's default provider chain
 * (instance role, IRSA, profile) — so production never runs on a baked-in key. Every request
 * is bounded by `timeouts`: the SDK sets none of its own, so a hung store would hang its caller.
 */
export function awsClientConfig(
  endpoint: string,
  settings: AwsConnectionSettings,
  timeouts: AwsTimeouts = DEFAULT_AWS_TIMEOUTS,
): AwsClientConfig {
  const config: AwsClientConfig = {
    region: settings.AWS_REGION,
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      socketTimeout: timeouts.socketTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
  if (endpoint !== '') config.endpoint = endpoint;
  if (settings.AWS_ACCESS_KEY_ID && settings.AWS_SECRET_ACCESS_KEY) {
    config.credentials = {
      accessKeyId: settings.AWS_ACCESS_KEY_ID,
      secretAccessKey: settings.AWS_SECRET_ACCESS_KEY,
    };
  } else if (isLoopback(endpoint)) {
    config.credentials = {
      accessKeyId: LOCAL_STACK_CREDENTIALS.accessKeyId,
      secretAccessKey: LOCAL_STACK_CREDENTIALS.secretAccessKey,
    };
  }
  return config;
}

function isLoopback(endpoint: string): boolean {
  if (endpoint === '') return false;
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
