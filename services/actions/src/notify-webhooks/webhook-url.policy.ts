import { isIP } from 'node:net';
import { redactUrl } from './webhook-target.factory';

/**
 * Why a webhook URL is refused, or undefined when it may be called. Alerts carry scores and
 * entity ids, and the worker calls whatever is configured from inside the cluster, so by default
 * only `https://` to a public address: no plain HTTP, and no loopback, link-local (the cloud
 * metadata address 169.254.169.254 among them), private or unspecified address, written as an
 * IP or as `localhost`. A host in `allowedHosts` (WEBHOOK_ALLOW_HOSTS: the receivers you run
 * yourself, a test receiver on 127.0.0.1) is exempt from both rules.
 *
 * A checked hostname is not resolved here: a public name that resolves to a private address is
 * not caught (see docs/deployment.md: egress NetworkPolicies are the boundary for that).
 */
export function webhookUrlProblem(
  raw: string,
  allowedHosts: readonly string[],
): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts.map((h) => h.toLowerCase()).includes(host)) return undefined;
  if (url.protocol !== 'https:')
    return `${redactUrl(raw)}: only https:// webhooks are called (or allow the host in WEBHOOK_ALLOW_HOSTS)`;
  if (isInternalHost(host))
    return `${redactUrl(raw)}: a loopback, link-local or private address (allow it in WEBHOOK_ALLOW_HOSTS if it is yours)`;
  return undefined;
}

function isInternalHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 4) return isInternalV4(host);
  if (family === 6) return isInternalV6(host);
  return false;
}

function isInternalV4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 || // unspecified, "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isInternalV6(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower === '::' || lower === '::1') return true;
  // An IPv4-mapped address (the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped?.[1] !== undefined && mapped[2] !== undefined) {
    const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return isInternalV4(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
  }
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80; // unique local, link-local
}
