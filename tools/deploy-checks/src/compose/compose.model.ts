import { parse } from 'yaml';

export type DependsOn =
  readonly string[] | Readonly<Record<string, { readonly condition?: string }>>;

export interface ComposeService {
  readonly image?: string;
  readonly build?: string | { readonly context?: string; readonly dockerfile?: string };
  readonly command?: string | readonly string[];
  readonly environment?:
    Readonly<Record<string, string | number | boolean | null>> | readonly string[];
  readonly ports?: readonly (string | number | { readonly target?: number })[];
  readonly volumes?: readonly (string | { readonly type?: string; readonly source?: string })[];
  readonly depends_on?: DependsOn;
  readonly healthcheck?: { readonly test?: string | readonly string[]; readonly disable?: boolean };
  readonly stop_grace_period?: string;
  readonly restart?: string;
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

/** Parses a compose file, resolving YAML anchors and `<<` merge keys as Compose does. */
export function readCompose(text: string): ComposeFile {
  const parsed: unknown = parse(text, { merge: true });
  const services = (parsed as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null)
    throw new SyntaxError('docker-compose.yml has no services mapping');
  return parsed as ComposeFile;
}

/** `depends_on` as name -> condition (the short list form means service_started). */
export function dependencies(service: ComposeService): Map<string, string> {
  const deps = service.depends_on;
  if (deps === undefined) return new Map();
  if (Array.isArray(deps)) return new Map(deps.map((name: string) => [name, 'service_started']));
  return new Map(
    Object.entries(deps as Record<string, { condition?: string }>).map(([name, spec]) => [
      name,
      spec.condition ?? 'service_started',
    ]),
  );
}

/** The environment as a map of strings (list form `A=b` or mapping form). */
export function environment(service: ComposeService): Map<string, string> {
  const env = service.environment;
  if (env === undefined) return new Map();
  if (Array.isArray(env))
    return new Map(
      env.map((entry: string) => {
        const eq = entry.indexOf('=');
        return eq === -1 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  return new Map(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** The container side of each published port. */
export function containerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) =>
    typeof port === 'object'
      ? Number(port.target)
      : Number(String(port).split(':').pop()?.split('/')[0]),
  );
}

/** A Compose duration (`30s`, `1m30s`, `500ms`) in seconds; NaN when unreadable. */
export function seconds(duration: string | undefined): number {
  if (duration === undefined) return 10; // Compose's default stop grace period
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== duration) return Number.NaN;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] as string] ?? Number.NaN), 0);
}
