/** What the hub said about a stored token, in words for the user. */
export interface HubTokenCheck {
  ok: boolean;
  /** The account the token belongs to, when the hub accepted it. */
  account: string | null;
  /** The token's role on the hub (read, write, fineGrained), when it says. */
  tokenRole: string | null;
  message: string;
}

const HUB_TIMEOUT_MS = 10_000;

/**
 * Asks the hub who the token belongs to (`GET <hub>/api/whoami-v2`, through @huggingface/hub's whoAmI): the
 * cheapest call that needs a valid token and touches no repository.
 */
export async function checkHubToken(token: string, hubUrl: string): Promise<HubTokenCheck> {
  // Loaded on the first check: memory a server that never uses the hub does not pay.
  const { whoAmI, HubApiError } = await import('@huggingface/hub');
  const refused = (message: string): HubTokenCheck => ({
    ok: false,
    account: null,
    tokenRole: null,
    message,
  });
  if (!token.startsWith('hf_'))
    return refused(
      'This is not a Hugging Face access token (they start with hf_). Add the connection again.',
    );
  try {
    // A hub that never answers must not hold the mutation open.
    const fetchWithTimeout: typeof fetch = (url, init) =>
      fetch(url, { ...init, signal: AbortSignal.timeout(HUB_TIMEOUT_MS) });
    const who = await whoAmI({ accessToken: token, hubUrl, fetch: fetchWithTimeout });
    const role = who.auth.accessToken?.role ?? null;
    return {
      ok: true,
      account: who.name,
      tokenRole: role,
      message: `${hubUrl} accepts the token: it belongs to ${who.name}${role ? ` (${role} access)` : ''}.`,
    };
  } catch (error) {
    if (error instanceof HubApiError && (error.statusCode === 401 || error.statusCode === 403)) {
      return refused(
        `${hubUrl} refused the token (${error.statusCode}): it is invalid, expired or revoked. Create a new one at huggingface.co/settings/tokens and add the connection again.`,
      );
    }
    if (error instanceof HubApiError)
      return refused(`${hubUrl} answered ${error.statusCode}; try again later.`);
    return refused(`Could not reach ${hubUrl}: ${(error as Error).message}.`);
  }
}
