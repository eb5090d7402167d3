// The receiver's side of the webhook signature, self-contained (node:crypto only) so that a
// receiver can copy this file as it is. services/actions/README.md ("Webhooks") documents it;
// webhook.verifier.spec.ts checks it against the sender.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may be from the receiver's clock, by default: 5 minutes. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

export type WebhookVerdict =
  | { readonly ok: true; readonly keyId: string; readonly timestampMs: number }
  | { readonly ok: false; readonly reason: string };

export interface VerifyOptions {
  /** The `x-rtml-signature` header as received. */
  readonly header: string | undefined;
  /** The raw request body, exactly as received (before any JSON parsing). */
  readonly body: string | Buffer;
  /** Secrets by key id: during a rotation, both the new and the old one. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly toleranceMs?: number;
  readonly nowMs?: number;
}

/**
 * Verifies `x-rtml-signature: t=<ms>,v1=<key id>:<hex>[,v1=...]`: the timestamp is within the
 * tolerance (a replay later is refused), and one signature made with a known key id equals
 * HMAC-SHA256(secret, "<t>.<body>"), compared in constant time. Deduplicate accepted deliveries
 * on `x-rtml-delivery-id`: a retry of one delivery is signed again with a new timestamp.
 */
export function verifyWebhook(options: VerifyOptions): WebhookVerdict {
  if (options.header === undefined || options.header === '')
    return { ok: false, reason: 'no signature header' };
  let timestampMs: number | undefined;
  const signatures: { keyId: string; hex: string }[] = [];
  for (const part of options.header.split(',')) {
    const [name, value = ''] = splitOnce(part.trim(), '=');
    if (name === 't' && /^\d{1,16}$/.test(value)) timestampMs = Number(value);
    else if (name === 'v1') {
      const [keyId, hex = ''] = splitOnce(value, ':');
      if (/^[0-9a-f]{64}$/.test(hex)) signatures.push({ keyId, hex });
    }
  }
  if (timestampMs === undefined) return { ok: false, reason: 'no timestamp in the signature' };
  const skew = Math.abs((options.nowMs ?? Date.now()) - timestampMs);
  if (skew > (options.toleranceMs ?? DEFAULT_TOLERANCE_MS))
    return { ok: false, reason: `timestamp ${timestampMs} is outside the tolerance` };
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
  for (const { keyId, hex } of signatures) {
    const secret = options.secrets[keyId];
    if (secret === undefined) continue;
    const expected = createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from(`${timestampMs}.`, 'utf8'), body]))
      .digest();
    if (timingSafeEqual(expected, Buffer.from(hex, 'hex'))) return { ok: true, keyId, timestampMs };
  }
  return { ok: false, reason: 'no signature made with a known key matches' };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
