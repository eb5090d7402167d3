/**
 * Deletes every schema subject whose name starts with `prefix` from a Confluent-compatible
 * registry: soft, then permanently, as the registry requires. For tests and tools that provision
 * an isolated slice of the stack under a prefix and remove it afterwards.
 */
export async function deleteSubjects(registryUrl: string, prefix: string): Promise<void> {
  const subjects = (await (await fetch(`${registryUrl}/subjects`)).json()) as string[];
  for (const subject of subjects.filter((name) => name.startsWith(prefix))) {
    const url = `${registryUrl}/subjects/${encodeURIComponent(subject)}`;
    await fetch(url, { method: 'DELETE' });
    await fetch(`${url}?permanent=true`, { method: 'DELETE' });
  }
}
