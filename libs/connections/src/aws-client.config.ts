import { LOCAL_STACK_CREDENTIALS } from '@rtml/config';

export interface AwsConnectionSettings {
  readonly AWS_REGION: string;
  readonly AWS_ACCESS_KEY_ID?: string | undefined;
  readonly AWS_SECRET_ACCESS_KEY?: string | undefined;
}

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * SDK client settings. Explicit keys win; with none, a loopback endpoint (the local stack)
 * gets its well-known local keys, and anything else uses the SDK's default provider chain
 * (instance role, IRSA, profile) — so production never runs on a baked-in key.
 */
export function awsClientConfig(
  endpoint: string,
  settings: AwsConnectionSettings,
): AwsClientConfig {
  const config: AwsClientConfig = { region: settings.AWS_REGION };
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
