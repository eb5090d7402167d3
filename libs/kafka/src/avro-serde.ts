import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { SubjectCompatibility } from '@rtml/contracts';
import { AppError, dependencyUnavailable, isDependencyFailure } from '@rtml/errors';
import { boundedCollections } from './avro-bounds';
import type { RegistryAuth } from './kafka-security';
import {
  RegistryAnswerError,
  credentialsHint,
  isRetriableRegistration,
  isUnknownSchemaId,
  toLookupError,
  toRegistrationError,
  unknownSchemaId,
} from './registry-error.mapper';
import { confirmRegistryState } from './registry-state.probe';
import { registryTimeoutMiddleware } from './registry-timeout.middleware';
import { backoffDelay } from './retry-policy';
import type { BackoffOptions } from './retry-policy';

export interface SubjectSchema {
  readonly subject: string;
  /** The Avro schema as a JSON-compatible object. */
  readonly schema: object;
  readonly compatibility: SubjectCompatibility;
}

export interface AvroSerdeOptions {
  /** Per registry request; past it the request fails, retriably. */
  readonly timeoutMs?: number;
  /** Sends of one registration before its failure is thrown (transient failures only). */
  readonly registerAttempts?: number;
  /** The jitter's source, uniform in [0, 1): injectable so a test can fix the waits. */
  readonly random?: () => number;
}

/**
 * A registry answers in milliseconds; 5 s is far past any healthy answer yet well inside the
 * consumer's session timeout, so a hung registry fails a batch (to be retried) long before the
 * group would evict the consumer.
 */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 5_000;

/** Magic byte and 4-byte schema id: the Confluent wire format's frame. */
const FRAME_BYTES = 5;

/**
 * Five sends, waits drawn up to 0.2, 0.4, 0.8 and 1.6 s: a blip of a second or two (a restart,
 * a failover) passes inside one startup. The registry client retries only its GETs.
 */
const REGISTER_ATTEMPTS = 5;
const REGISTER_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 2_000, multiplier: 2 };

/**
 * Avro in the Confluent wire format (magic byte, 4-byte schema id, Avro body) through a
 * Confluent-compatible registry (Apicurio's ccompat API locally, any Confluent-compatible one
 * in production). Writers encode with the id registered for their subject; readers decode with
 * the writer's schema fetched by id (cached), so old and new writers can coexist.
 */
export class AvroSerde {
  private readonly registry: SchemaRegistry;
  private readonly idsBySubject = new Map<string, number>();
  private readonly timeoutMs: number;
  private readonly registerAttempts: number;
  private readonly random: () => number;
  /** The last schema id the registry served: proof, later, that it still holds its state. */
  private knownId: number | undefined;

  constructor(
    readonly registryUrl: string,
    private readonly auth?: RegistryAuth,
    options: AvroSerdeOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
    this.registerAttempts = options.registerAttempts ?? REGISTER_ATTEMPTS;
    this.random = options.random ?? Math.random;
    this.registry = new SchemaRegistry(
      {
        host: registryUrl,
        retry: { retries: 2 },
        middlewares: [registryTimeoutMiddleware(this.timeoutMs)],
        ...(auth !== undefined && { auth: { username: auth.username, password: auth.password } }),
      },
      // Maps and arrays whose block counts are checked before they are read (avro-bounds.ts).
      { [SchemaType.AVRO]: { typeHook: boundedCollections } },
    );
  }

  /**
   * Sets the subject's compatibility rule, then registers the schema (a no-op returning the
   * existing id when it is already registered). The registry refuses a schema that breaks the
   * rule: that surfaces as a non-retriable SCHEMA_INVALID error. A transient failure (no answer,
   * a timeout, 5xx, 429) is resent with jittered backoff; after the last attempt it surfaces as a
   * retriable DEPENDENCY_UNAVAILABLE. Apicurio, for one, answers 500 to a registration that
   * races the removal of another subject sharing the same schema content.
   */
  async register(subject: SubjectSchema): Promise<number> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.registerOnce(subject);
      } catch (error) {
        if (attempt >= this.registerAttempts || !isRetriableRegistration(error))
          throw toRegistrationError(subject.subject, error);
        await new Promise((resolve) =>
          setTimeout(resolve, backoffDelay(attempt - 1, REGISTER_BACKOFF, this.random)),
        );
      }
    }
  }

  private async registerOnce(subject: SubjectSchema): Promise<number> {
    await this.setSubjectCompatibility(subject.subject, subject.compatibility);
    const { id } = await this.registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(subject.schema) },
      {
        subject: subject.subject,
        compatibility: COMPATIBILITY[subject.compatibility as keyof typeof COMPATIBILITY],
      },
    );
    this.idsBySubject.set(subject.subject, id);
    this.knownId = id;
    return id;
  }

  /** Throws a retriable DEPENDENCY_UNAVAILABLE when the registry (asked for the id) fails. */
  async encode(subject: string, value: unknown): Promise<Buffer> {
    try {
      const id = this.idsBySubject.get(subject) ?? (await this.latestId(subject));
      return await this.registry.encode(id, value);
    } catch (error) {
      if (isDependencyFailure(error))
        throw dependencyUnavailable(`schema registry unavailable for ${subject}`, error);
      throw error;
    }
  }

  /**
   * Decodes a Confluent-framed Avro buffer. Non-retriable UNDECODABLE only when the record is
   * at fault: bytes not in the wire format, a body its writer schema cannot read, or a schema id
   * the registry says it does not know while it answers and still knows the ids it served before
   * (a registry that lost its state, or a replica behind, would dead-letter every valid record).
   * Failing to reach the registry, in any way, is a retriable DEPENDENCY_UNAVAILABLE.
   */
  async decode(buffer: Buffer): Promise<unknown> {
    const id = framedSchemaId(buffer);
    await this.writerSchema(id);
    try {
      // The writer schema is cached now: this step is local, its failures are the bytes'.
      return (await this.registry.decode(buffer)) as unknown;
    } catch (error) {
      if (isDependencyFailure(error))
        throw dependencyUnavailable('schema registry unavailable', error);
      throw new AppError('UNDECODABLE', `the value does not decode with writer schema ${id}`, {
        cause: error,
        details: { schemaId: id },
      });
    }
  }

  /** Real request to the registry for the readiness probe. */
  async probe(): Promise<void> {
    const response = await fetch(`${this.registryUrl}/subjects`, {
      signal: AbortSignal.timeout(2_000),
      headers: this.authHeaders(),
    }).catch((error: unknown) => {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'schema registry does not answer', {
        cause: error,
      });
    });
    if (!response.ok) {
      const answer = new RegistryAnswerError(`HTTP ${response.status}`, response.status);
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        `schema registry answered ${response.status}${credentialsHint(answer)}`,
        { cause: answer },
      );
    }
  }

  private async latestId(subject: string): Promise<number> {
    const id = await this.registry.getLatestSchemaId(subject);
    this.idsBySubject.set(subject, id);
    this.knownId = id;
    return id;
  }

  /** Fetches (or finds cached) the writer schema of `id`; throws the classified failure. */
  private async writerSchema(id: number): Promise<void> {
    try {
      await this.registry.getSchema(id);
      this.knownId = id;
    } catch (error) {
      if (!isUnknownSchemaId(error)) throw toLookupError(id, error);
      await confirmRegistryState(this.registryUrl, {
        knownId: this.knownId,
        headers: this.authHeaders(),
        timeoutMs: this.timeoutMs,
        notFound: error,
      });
      throw unknownSchemaId(id, error);
    }
  }

  private authHeaders(): Record<string, string> {
    return this.auth === undefined ? {} : { authorization: basicAuthorization(this.auth) };
  }

  private async setSubjectCompatibility(
    subject: string,
    compatibility: SubjectCompatibility,
  ): Promise<void> {
    const response = await fetch(`${this.registryUrl}/config/${encodeURIComponent(subject)}`, {
      signal: AbortSignal.timeout(this.timeoutMs),
      method: 'PUT',
      headers: { ...this.authHeaders(), 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility }),
    });
    if (!response.ok)
      throw new RegistryAnswerError(
        `setting ${compatibility} on ${subject}: HTTP ${response.status} ${await response.text()}`,
        response.status,
      );
  }
}

/** The schema id of a Confluent-framed value; anything else is undecodable. */
function framedSchemaId(buffer: Buffer): number {
  if (buffer.length < FRAME_BYTES || buffer[0] !== 0)
    throw new AppError('UNDECODABLE', 'the value is not Avro in the Confluent wire format', {
      details: { bytes: buffer.length },
    });
  return buffer.readInt32BE(1);
}

const basicAuthorization = ({ username, password }: RegistryAuth): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
