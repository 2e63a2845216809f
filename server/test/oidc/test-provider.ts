// A real OpenID Connect provider (the `oidc-provider` package) run in the test process, with accounts whose groups a
// test can change between sign-ins, its dev login form, and a switch that re-signs the id_token it answers with
// other claims (with its own key) to show that Hangar checks the claims, not only the signature.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Builds the provider once the client's redirect URL is known (Hangar listens on a port chosen at start). */
  register(redirectUri: string): void;
  /** When set, the token endpoint's id_token is re-signed with these claims changed. */
  tamperIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | null;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'hangar-dashboard';
  const clientSecret = 'test-client-secret-9f8e7d6c5b4a';

  const handle: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamperIdToken: null,
    register: (redirectUri) => server.on('request', createProvider(redirectUri).callback()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const createProvider = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: ['test-cookie-key'] },
      scopes: ['openid', 'email', 'profile', 'groups'],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      // First-party client: no consent screen, the sign-in grants what it asks.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        });
        grant.addOIDCScope('openid email profile groups');
        await grant.save();
        return grant;
      },
      findAccount: (_ctx, id) => {
        const account = accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            email: account.email,
            email_verified: true,
            name: account.name,
            groups: account.groups,
          }),
        };
      },
    });
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (ctx.path !== '/token' || !handle.tamperIdToken || !body?.id_token) return;
      const header = decodeProtectedHeader(body.id_token);
      const claims = handle.tamperIdToken(decodeJwt(body.id_token));
      ctx.body = {
        ...body,
        id_token: await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: header.kid })
          .sign(privateKey),
      };
    });
    return provider;
  };
  return handle;
}
