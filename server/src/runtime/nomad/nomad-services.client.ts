import {
  NomadHttpError,
  nomadHeaders,
  nomadUrl,
  type NomadConnection,
  type NomadServiceRegistration,
} from './nomad.client.js';

/** `/v1/service/:name` (native service discovery) is missing from the official spec, so it is written by hand. */
export async function readServiceRegistrations(
  connection: NomadConnection,
  name: string,
  blocking?: { index: number; wait: string; signal?: AbortSignal },
): Promise<{ registrations: NomadServiceRegistration[]; index: number }> {
  const url = nomadUrl(connection, `/service/${encodeURIComponent(name)}`, {
    index: blocking ? String(blocking.index) : undefined,
    wait: blocking?.wait,
  });
  const response = await fetch(url, { headers: nomadHeaders(connection), signal: blocking?.signal });
  if (!response.ok) throw new NomadHttpError(`read service ${name}`, response.status, await response.text());
  const registrations = ((await response.json()) as NomadServiceRegistration[] | null) ?? [];
  return { registrations, index: Number(response.headers.get('X-Nomad-Index') ?? 0) };
}
