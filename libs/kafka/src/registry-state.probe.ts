import { AppError, dependencyUnavailable } from '@rtml/errors';

export interface RegistryStateCheck {
  /** The last schema id the registry served this reader, if any. */
  readonly knownId: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** The registry's 404 for the record's schema id, kept as the cause. */
  readonly notFound: unknown;
}

/**
 * Resolves when a registry that answered 404 for a schema id still holds its state, so the id is
 * really unknown and the record poison: it serves the last id it served this reader, or (with
 * none yet) has subjects at all. Throws a retriable DEPENDENCY_UNAVAILABLE otherwise: a registry
 * restarted empty, restored from an old backup, or a replica behind would answer 404 for every
 * valid record, and dead-lettering them would lose them all.
 */
export async function confirmRegistryState(
  registryUrl: string,
  check: RegistryStateCheck,
): Promise<void> {
  const { knownId, notFound } = check;
  const path = knownId === undefined ? '/subjects' : `/schemas/ids/${knownId}`;
  const response = await fetch(`${registryUrl}${path}`, {
    signal: AbortSignal.timeout(check.timeoutMs),
    headers: { ...check.headers },
  }).catch((error: unknown) => {
    throw dependencyUnavailable('schema registry unavailable', error);
  });
  const body = (await response.json().catch(() => undefined)) as unknown;
  const empty = knownId === undefined && Array.isArray(body) && body.length === 0;
  if (response.status === 404 || empty)
    throw new AppError('DEPENDENCY_UNAVAILABLE', 'the schema registry has lost its schemas', {
      cause: notFound,
      details: knownId === undefined ? {} : { missingKnownId: knownId },
    });
  if (!response.ok)
    throw new AppError('DEPENDENCY_UNAVAILABLE', `schema registry answered ${response.status}`, {
      cause: notFound,
    });
}
