import { print } from 'graphql';
import { ViewerDocument } from '@hangar/components/documents';

export interface SignedInViewer {
  id: string;
  name: string;
  role: 'VIEWER' | 'DEPLOYER' | 'ADMIN';
}

export type TokenCheck = { ok: true; viewer: SignedInViewer } | { ok: false; problem: string };

/**
 * Asks the server who the token belongs to (`viewer`) before the console opens, so a mistyped or revoked
 * token is named at sign-in instead of surfacing later as "Could not load models".
 */
export async function checkToken(graphqlUrl: string, token: string): Promise<TokenCheck> {
  let response: Response;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(ViewerDocument) }),
    });
  } catch {
    return { ok: false, problem: `The Hangar server at ${graphqlUrl} does not answer. Is it running?` };
  }
  const body = (await response.json().catch(() => null)) as {
    data?: { viewer?: SignedInViewer };
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  } | null;
  const viewer = body?.data?.viewer;
  if (viewer) return { ok: true, viewer };
  const error = body?.errors?.[0];
  if (error?.extensions?.code === 'UNAUTHENTICATED' || response.status === 401)
    return {
      ok: false,
      problem:
        'The server did not accept this token: it is unknown, revoked or mistyped. Copy it again (without spaces or line breaks).',
    };
  return {
    ok: false,
    problem: `The token could not be checked: ${error?.message ?? `HTTP ${response.status}`}.`,
  };
}
