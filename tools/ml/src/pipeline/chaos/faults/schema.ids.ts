/** The id of the latest version of `subject` in a Confluent-compatible registry. */
export async function latestSchemaId(registryUrl: string, subject: string): Promise<number> {
  const response = await fetch(
    `${registryUrl}/subjects/${encodeURIComponent(subject)}/versions/latest`,
    { signal: AbortSignal.timeout(5_000) },
  );
  if (!response.ok) throw new Error(`the registry answered ${response.status} for ${subject}`);
  const { id } = (await response.json()) as { id?: unknown };
  if (typeof id !== 'number') throw new Error(`the registry named no id for ${subject}`);
  return id;
}
