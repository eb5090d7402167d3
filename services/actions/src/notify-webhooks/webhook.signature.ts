import { createHmac } from 'node:crypto';

/** Header names of a webhook delivery. They are API: receivers verify and deduplicate with them. */
export const WEBHOOK_HEADERS = {
  /**
   * `t=<epoch ms>,v1=<key id>:<hex HMAC-SHA256(secret, "<t>.<body>")>`, one `v1=` per signing
   * key (two while a secret is rotated). See `webhook.verifier.ts`.
   */
  signature: 'x-rtml-signature',
  /** When this attempt was signed, epoch milliseconds: the `t` of the signature. */
  timestamp: 'x-rtml-timestamp',
  /** The alert id: the same on every retry and redelivery of the alert, to every webhook. */
  alertId: 'x-rtml-alert-id',
  /**
   * The delivery id: one per (alert, webhook URL), the same on every attempt, across restarts
   * and redeliveries: the receiver's idempotency key.
   */
  deliveryId: 'x-rtml-delivery-id',
} as const;

/** A secret and the id receivers know it by (`WEBHOOK_KEY_ID`, `WEBHOOK_PREVIOUS_KEY_ID`). */
export interface SigningKey {
  readonly id: string;
  readonly secret: string;
}

/** Key ids go inside the header value: letters, digits, `_` and `-` only. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The signature header value of `body` sent at `timestampMs`, signed with every key. The
 * timestamp is inside the signed bytes, so a receiver that refuses stale timestamps refuses a
 * replayed request; the key id lets it hold two secrets while one replaces the other. Receivers
 * compute it over the raw bytes they received (before any JSON parsing).
 */
export function signWebhook(
  body: string,
  timestampMs: number,
  keys: readonly SigningKey[],
): string {
  const signed = `${timestampMs}.${body}`;
  const signatures = keys.map(
    (key) =>
      `v1=${key.id}:${createHmac('sha256', key.secret).update(signed, 'utf8').digest('hex')}`,
  );
  return [`t=${timestampMs}`, ...signatures].join(',');
}
