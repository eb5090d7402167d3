import { LOCAL_DEV_KEYS } from '@rtml/contracts';

/** Where the actions API is and the key to read it with. */
export interface ActionsApi {
  readonly url: string;
  readonly apiKey: string;
}

/** `--url`, else ACTIONS_URL, else the local run's; the key from SCORES_API_KEY, else the dev key. */
export function actionsApiOf(
  url: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ActionsApi {
  return {
    url: (url ?? env['ACTIONS_URL'] ?? 'http://127.0.0.1:3004').replace(/\/$/, ''),
    apiKey: env['SCORES_API_KEY'] ?? LOCAL_DEV_KEYS.scores,
  };
}

/** GETs a JSON answer of the actions API; its error body (code, message) becomes the error. */
export async function getActionsJson<T>(
  api: ActionsApi,
  path: string,
  query: Readonly<Record<string, string | undefined>>,
): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, value);
  const url = `${api.url}${path}?${search}`;
  const response = await fetch(url, { headers: { 'x-api-key': api.apiKey } });
  const body = (await response.json().catch(() => undefined)) as
    (T & { code?: string; message?: string }) | undefined;
  if (!response.ok)
    throw new Error(
      `GET ${url}: ${response.status} ${body?.code ?? ''} ${body?.message ?? ''}`.trim(),
    );
  if (body === undefined) throw new Error(`GET ${url}: the answer is not JSON`);
  return body;
}
