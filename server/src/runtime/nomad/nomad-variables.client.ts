import { NomadHttpError, nomadHeaders, nomadUrl, type NomadConnection } from './nomad.client.js';

/**
 * Nomad Variables by hand: the variable path contains slashes, which the generated client would percent-encode
 * as one path segment. Values are secrets: never log `items`.
 */
export async function writeVariable(
  connection: NomadConnection,
  path: string,
  items: Record<string, string>,
): Promise<void> {
  const response = await fetch(nomadUrl(connection, `/var/${path}`), {
    method: 'PUT',
    headers: { ...nomadHeaders(connection), 'Content-Type': 'application/json' },
    body: JSON.stringify({ Namespace: connection.namespace ?? 'default', Path: path, Items: items }),
  });
  if (!response.ok)
    throw new NomadHttpError(`write variable ${path}`, response.status, await response.text());
}

/** Idempotent: a missing variable is fine. */
export async function deleteVariable(connection: NomadConnection, path: string): Promise<void> {
  const response = await fetch(nomadUrl(connection, `/var/${path}`), {
    method: 'DELETE',
    headers: nomadHeaders(connection),
  });
  if (!response.ok && response.status !== 404) {
    throw new NomadHttpError(`delete variable ${path}`, response.status, await response.text());
  }
}
