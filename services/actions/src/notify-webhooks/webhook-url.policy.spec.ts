import { webhookUrlProblem } from './webhook-url.policy';

describe('which webhook URLs are called', () => {
  it('takes https to public hosts', () => {
    for (const url of [
      'https://cases.example.com/hooks?key=k',
      'https://203.0.113.7:8443/x',
      'https://[2001:db8::1]/x',
    ])
      expect(webhookUrlProblem(url, [])).toBeUndefined();
  });

  it('refuses plain http, naming the URL without its query', () => {
    expect(webhookUrlProblem('http://cases.example.com/hooks?key=secret', [])).toBe(
      'http://cases.example.com/hooks: only https:// webhooks are called (or allow the host in WEBHOOK_ALLOW_HOSTS)',
    );
  });

  it('refuses loopback, link-local (cloud metadata), private, carrier-NAT and unspecified addresses', () => {
    for (const url of [
      'https://localhost/x',
      'https://api.localhost/x',
      'https://127.0.0.1/x',
      'https://127.9.9.9/x',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.5/x',
      'https://172.16.0.1/x',
      'https://172.31.255.255/x',
      'https://192.168.1.1/x',
      'https://100.64.0.1/x',
      'https://0.0.0.0/x',
      'https://[::1]/x',
      'https://[::]/x',
      'https://[fe80::1]/x',
      'https://[fd12:3456::1]/x',
      'https://[::ffff:127.0.0.1]/x',
    ])
      expect(webhookUrlProblem(url, [])).toMatch(/loopback, link-local or private address/);
    expect(webhookUrlProblem('https://172.32.0.1/x', [])).toBeUndefined();
  });

  it('exempts allowed hosts from both rules', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9999/alerts', ['127.0.0.1'])).toBeUndefined();
    expect(webhookUrlProblem('http://Receiver.Internal/x', ['receiver.internal'])).toBeUndefined();
    expect(webhookUrlProblem('http://[::1]:80/x', ['::1'])).toBeUndefined();
  });
});
