import type { FieldError, WebhookDelivery } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { z } from 'zod';

const text = z.string().min(1);
const epochMillis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const deliverySchema = z.object({
  deliveryId: text,
  webhookId: text,
  endpoint: z.string(),
  alert: z.object({
    alertId: text,
    eventId: text,
    entityId: text,
    eventTime: epochMillis,
    score: z.number(),
    threshold: z.number(),
    model: z.object({ name: text, version: text }),
    reason: z.string(),
    createdAt: epochMillis,
  }),
  attempts: z.number().int().min(0),
  nextAttemptAt: epochMillis,
});

/**
 * Parses a decoded value of the deliveries topic, or throws a non-retriable SCHEMA_INVALID
 * naming every bad field (a record of another schema on the topic): the worker dead-letters it.
 */
export function parseWebhookDelivery(value: unknown): WebhookDelivery {
  const result = deliverySchema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(record)',
    message: issue.message,
  }));
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  throw new AppError('SCHEMA_INVALID', `webhook delivery rejected: ${summary}`, {
    details: { fields },
  });
}
