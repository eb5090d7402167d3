import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { SubjectCompatibility } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { RegistryAuth } from './kafka-security';

export interface SubjectSchema {
  readonly subject: string;
  /** The Avro schema as a JSON-compatible object. */
  readonly schema: object;
  readonly compatibility: SubjectCompatibility;
}

/**
 * Avro in the Confluent wire format (magic byte, 4-byte schema id, Avro body) through a
 * Confluent-compatible registry (Apicurio's ccompat API locally, any Confluent-compatible one
 * in production). Writers encode with the id registered for their subject; readers decode with
 * the writer's schema fetched by id (cached), so old and new writers can coexist.
 */
export class AvroSerde {
  private readonly registry: SchemaRegistry;
  private readonly idsBySubject = new Map<string, number>();

  constructor(
    readonly registryUrl: string,
    private readonly auth?: RegistryAuth,
  ) {
    this.registry = new SchemaRegistry({
      host: registryUrl,
      retry: { retries: 2 },
      ...(auth !== undefined && { auth: { username: auth.username, password: auth.password } }),
    });
  }

  /**
   * Sets the subject's compatibility rule, then registers the schema (a no-op returning the
   * existing id when it is already registered). The registry refuses a schema that breaks the
   * rule: that surfaces as a non-retriable SCHEMA_INVALID error.
   */
  async register(subject: SubjectSchema): Promise<number> {
    try {
      await this.setSubjectCompatibility(subject.subject, subject.compatibility);
      const { id } = await this.registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(subject.schema) },
        {
          subject: subject.subject,
          compatibility: COMPATIBILITY[subject.compatibility as keyof typeof COMPATIBILITY],
        },
      );
      this.idsBySubject.set(subject.subject, id);
      return id;
    } catch (error) {
      throw toRegistryError(subject.subject, error);
    }
  }

  async encode(subject: string, value: unknown): Promise<Buffer> {
    const id = this.idsBySubject.get(subject) ?? (await this.latestId(subject));
    return this.registry.encode(id, value);
  }

  /** Decodes a Confluent-framed Avro buffer; undecodable input is a non-retriable error. */
  async decode(buffer: Buffer): Promise<unknown> {
    try {
      return (await this.registry.decode(buffer)) as unknown;
    } catch (error) {
      if (isNetworkError(error) || isRegistryOutage(error))
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'schema registry unreachable', {
          cause: error,
        });
      throw new AppError('UNDECODABLE', 'value is not Avro in the Confluent wire format', {
        cause: error,
      });
    }
  }

  /** Real request to the registry for the readiness probe. */
  async probe(): Promise<void> {
    const response = await fetch(`${this.registryUrl}/subjects`, {
      signal: AbortSignal.timeout(2_000),
      ...(this.auth !== undefined && { headers: { authorization: basicAuthorization(this.auth) } }),
    }).catch((error: unknown) => {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'schema registry does not answer', {
        cause: error,
      });
    });
    if (!response.ok)
      throw new AppError('DEPENDENCY_UNAVAILABLE', `schema registry answered ${response.status}`);
  }

  private async latestId(subject: string): Promise<number> {
    const id = await this.registry.getLatestSchemaId(subject);
    this.idsBySubject.set(subject, id);
    return id;
  }

  private async setSubjectCompatibility(
    subject: string,
    compatibility: SubjectCompatibility,
  ): Promise<void> {
    const response = await fetch(`${this.registryUrl}/config/${encodeURIComponent(subject)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility }),
    });
    if (!response.ok)
      throw new Error(
        `setting ${compatibility} on ${subject}: HTTP ${response.status} ${await response.text()}`,
      );
  }
}

function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'].includes(code)
  );
}

/** A registry answering 5xx or 429 is down or busy, not a sign the record is bad. */
function isRegistryOutage(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && (status >= 500 || status === 429);
}

function toRegistryError(subject: string, error: unknown): AppError {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 409 || status === 422) {
    return new AppError(
      'SCHEMA_INVALID',
      `registry refused the schema of ${subject} (HTTP ${status})`,
      { cause: error, details: { subject } },
    );
  }
  return new AppError('DEPENDENCY_UNAVAILABLE', `registering ${subject} failed`, {
    cause: error,
    details: { subject },
  });
}

const basicAuthorization = ({ username, password }: RegistryAuth): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
