import { loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { awsFields, kafkaFields } from '@rtml/connections';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

/** Every environment variable the actions service reads (documented in the README's table). */
export const actionsConfigSchema = z.object({
  ...baseServiceFields(3004),
  ...kafkaFields,
  AWS_REGION: awsFields.AWS_REGION,
  DYNAMODB_ENDPOINT: awsFields.DYNAMODB_ENDPOINT,
  AWS_ACCESS_KEY_ID: awsFields.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: awsFields.AWS_SECRET_ACCESS_KEY,
});

export type ActionsConfig = z.output<typeof actionsConfigSchema>;

export const loadActionsConfig = (env: Environment): Readonly<ActionsConfig> =>
  loadConfig(actionsConfigSchema, env);
