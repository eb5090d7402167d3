import { createHmac } from 'node:crypto';
import { signBody } from './webhook.signature';

describe('the webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body (a published test vector)', () => {
    expect(signBody('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('covers the exact bytes: any change to the body changes it', () => {
    const body = JSON.stringify({ alertId: 'alert-1', score: 0.9 });

    expect(signBody(body, 'secret-of-16-chars')).not.toBe(
      signBody(body.replace('0.9', '0.90'), 'secret-of-16-chars'),
    );
  });

  it('signs UTF-8 text as its UTF-8 bytes, as a receiver reading the raw body does', () => {
    const body = '{"reason":"montant élevé"}';
    const expected = createHmac('sha256', 's').update(Buffer.from(body, 'utf8')).digest('hex');

    expect(signBody(body, 's')).toBe(`sha256=${expected}`);
  });
});
