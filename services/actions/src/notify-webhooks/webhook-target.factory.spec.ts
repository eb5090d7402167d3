import { redactUrl, webhookTargets } from './webhook-target.factory';

describe('webhook URLs in logs, topics and dead letters', () => {
  it('keep the origin and path, never credentials, query or fragment', () => {
    expect(redactUrl('https://user:pw@cases.example.com:8443/hooks/rtml?token=abc#x')).toBe(
      'https://cases.example.com:8443/hooks/rtml',
    );
  });
});

describe('the configured webhook targets', () => {
  const secretUrl = 'https://cases.example.com/hooks?token=s3cret';

  it('name each URL by a hash of it, the same on every replica and restart', () => {
    const [first] = webhookTargets([secretUrl]);
    const [again] = webhookTargets(['https://other.example.com/x', secretUrl]).slice(1);

    expect(first).toEqual({
      id: expect.stringMatching(/^webhook-[0-9a-f]{16}$/),
      url: secretUrl,
      endpoint: 'https://cases.example.com/hooks',
    });
    expect(again?.id).toBe(first?.id);
    expect(first?.id).not.toContain('s3cret');
  });

  it('give different URLs different ids, and a URL listed twice one target', () => {
    const targets = webhookTargets([secretUrl, 'https://cases.example.com/hooks', secretUrl]);

    expect(targets).toHaveLength(2);
    expect(new Set(targets.map((target) => target.id)).size).toBe(2);
  });
});
