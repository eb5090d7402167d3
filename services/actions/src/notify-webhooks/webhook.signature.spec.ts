import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook.signature';
import { verifyWebhook } from './webhook.verifier';

const T = 1_733_100_000_000;
const key = { id: 'k1', secret: 'secret-of-16-chars' };
const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text, 'utf8').digest('hex');

describe('the webhook signature (v1: timestamp, key id, HMAC-SHA256 of "<t>.<body>")', () => {
  it('is t=<ms>,v1=<key id>:<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const body = '{"alertId":"alert-1"}';
    expect(signWebhook(body, T, [key])).toBe(`t=${T},v1=k1:${hmac(key.secret, `${T}.${body}`)}`);
  });

  it('signs with every key during a rotation, current first', () => {
    const header = signWebhook('{}', T, [key, { id: 'k0', secret: 'the-old-secret-16' }]);
    expect(header.split(',').map((part) => part.split(':')[0])).toEqual([
      `t=${T}`,
      'v1=k1',
      'v1=k0',
    ]);
  });

  it('signs UTF-8 text as its UTF-8 bytes, as a receiver reading the raw body does', () => {
    const body = '{"reason":"montant élevé"}';
    const expected = createHmac('sha256', 's')
      .update(Buffer.concat([Buffer.from(`${T}.`), Buffer.from(body, 'utf8')]))
      .digest('hex');
    expect(signWebhook(body, T, [{ id: 'k', secret: 's' }])).toBe(`t=${T},v1=k:${expected}`);
  });
});

describe('verifyWebhook, the receivers’ side, against the sender', () => {
  const body = JSON.stringify({ alertId: 'alert-1', score: 0.9 });
  const secrets = { k1: key.secret };

  it('accepts what the sender signed, naming the key', () => {
    expect(
      verifyWebhook({ header: signWebhook(body, T, [key]), body, secrets, nowMs: T + 1_000 }),
    ).toEqual({ ok: true, keyId: 'k1', timestampMs: T });
  });

  it('accepts the raw body as bytes too', () => {
    const header = signWebhook(body, T, [key]);
    expect(verifyWebhook({ header, body: Buffer.from(body), secrets, nowMs: T }).ok).toBe(true);
  });

  it('refuses a replay outside the tolerance (5 minutes by default), either side of now', () => {
    const header = signWebhook(body, T, [key]);
    expect(verifyWebhook({ header, body, secrets, nowMs: T + 300_000 }).ok).toBe(true);
    expect(verifyWebhook({ header, body, secrets, nowMs: T + 300_001 })).toEqual({
      ok: false,
      reason: `timestamp ${T} is outside the tolerance`,
    });
    expect(verifyWebhook({ header, body, secrets, nowMs: T - 300_001 }).ok).toBe(false);
  });

  it('refuses a changed body, a changed timestamp, and an unknown key', () => {
    const header = signWebhook(body, T, [key]);
    expect(verifyWebhook({ header, body: body.replace('0.9', '0.90'), secrets, nowMs: T }).ok).toBe(
      false,
    );
    const moved = header.replace(`t=${T}`, `t=${T + 1}`);
    expect(verifyWebhook({ header: moved, body, secrets, nowMs: T }).ok).toBe(false);
    expect(verifyWebhook({ header, body, secrets: { k2: key.secret }, nowMs: T })).toEqual({
      ok: false,
      reason: 'no signature made with a known key matches',
    });
    expect(verifyWebhook({ header: undefined, body, secrets, nowMs: T }).ok).toBe(false);
    expect(verifyWebhook({ header: `v1=k1:${'0'.repeat(64)}`, body, secrets, nowMs: T })).toEqual({
      ok: false,
      reason: 'no timestamp in the signature',
    });
  });

  it('lets a receiver that knows only the old key, or only the new one, verify during a rotation', () => {
    const old = { id: 'k0', secret: 'the-old-secret-16' };
    const header = signWebhook(body, T, [key, old]);
    expect(verifyWebhook({ header, body, secrets: { k0: old.secret }, nowMs: T })).toMatchObject({
      ok: true,
      keyId: 'k0',
    });
    expect(verifyWebhook({ header, body, secrets, nowMs: T })).toMatchObject({
      ok: true,
      keyId: 'k1',
    });
  });
});
