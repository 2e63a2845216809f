/** What `/auth/config` tells the sign-in page: whether the server offers single sign-on, and where it starts. */
export interface SingleSignOn {
  providerName: string;
  loginUrl: string;
}

/**
 * Asks the server whether single sign-on is on. Null when it is off or the server cannot say (an older server
 * without the route, a network error): the token form alone still works then.
 */
export async function fetchSingleSignOn(serverUrl: string): Promise<SingleSignOn | null> {
  try {
    const response = await fetch(new URL('/auth/config', serverUrl), {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return null;
    const config = (await response.json()) as { sso?: boolean; providerName?: string; loginUrl?: string };
    if (!config.sso || !config.providerName || !config.loginUrl) return null;
    return { providerName: config.providerName, loginUrl: new URL(config.loginUrl, serverUrl).href };
  } catch {
    return null;
  }
}
