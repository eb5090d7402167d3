import { alertFixture } from '@rtml/contracts/testing';
import { WebhookNotifier, redactUrl } from './webhook.notifier';

describe('webhook URLs in logs and dead letters', () => {
  it('keep the origin and path, never credentials, query or fragment', () => {
    expect(redactUrl('https://user:pw@cases.example.com:8443/hooks/rtml?token=abc#x')).toBe(
      'https://cases.example.com:8443/hooks/rtml',
    );
  });
});

describe('the webhook notifier', () => {
  it('delivers nothing and fails nothing when no webhook is configured', async () => {
    const notifier = new WebhookNotifier([], undefined, 4);

    await expect(notifier.notifyAll([{ source: 'record', alert: alertFixture }])).resolves.toEqual(
      [],
    );
  });
});
