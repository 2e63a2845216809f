import type { EntityManager } from '@mikro-orm/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type * as OidcClient from 'openid-client';
import type { Logger } from '../../core/logger.js';
import type { HangarPubSub } from '../../graphql/pubsub.js';
import { recordAudit } from '../audit/audit.service.js';
import { AccessToken } from '../user/access-token.entity.js';
import { Role } from '../user/role.js';
import { generateAccessToken, hashToken } from '../user/token.js';
import { User } from '../user/user.entity.js';
import type { ApplyGrants } from './apply-grants.js';
import { parseGroupGrants } from './oidc-grants.js';
import { OidcLoginState } from './oidc-login-state.entity.js';

/** How long the provider may take to send the browser back: long enough to type a password and do MFA. */
export const LOGIN_STATE_SECONDS = 600;

export interface OidcSignInOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the provider sends the browser back (registered with the provider). */
  redirectUrl: () => string;
  groupsClaim: string;
  scopes: string[];
  providerName: string;
  sessionHours: number;
  applyGrants: ApplyGrants;
  pubsub?: HangarPubSub;
  logger: Logger;
}

/** Why a callback was refused: a code for the page or JSON, the HTTP status, and a message for a person. */
export class SignInRefused extends Error {
  constructor(
    readonly code:
      | 'BAD_STATE'
      | 'REPLAYED_STATE'
      | 'EXPIRED_STATE'
      | 'PROVIDER_ERROR'
      | 'TOKEN_REFUSED'
      | 'PROVIDER_UNREACHABLE',
    readonly status: 400 | 401 | 502,
    message: string,
  ) {
    super(message);
  }
}

/**
 * OpenID Connect sign-in for the dashboard (authorization code with PKCE, through `openid-client`): `start` keeps
 * the state, nonce and PKCE verifier server-side and sends the browser to the provider; `finish` claims them once,
 * exchanges the code, has the library verify the id_token (signature, issuer, audience, nonce, expiry), finds or
 * creates the user by `iss` + `sub`, applies the groups' grants, and issues a Hangar session token.
 */
export class OidcSignIn {
  private configuration?: Promise<OidcClient.Configuration>;
  private client?: Promise<typeof OidcClient>;

  constructor(private readonly options: OidcSignInOptions) {}

  get providerName(): string {
    return this.options.providerName;
  }

  /** The provider's authorization URL for a new sign-in, and the state the browser's cookie must carry back. */
  async start(em: EntityManager): Promise<{ authorizationUrl: string; state: string }> {
    const [client, configuration] = await Promise.all([this.library(), this.discover()]);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const now = Date.now();
    // Sign-ins never finished would pile up: each start clears the expired ones.
    await em.nativeDelete(OidcLoginState, { expiresAt: { $lt: new Date(now) } });
    em.create(OidcLoginState, {
      stateHash: hashToken(state),
      nonce,
      codeVerifier,
      expiresAt: new Date(now + LOGIN_STATE_SECONDS * 1000),
      createdAt: new Date(now),
    });
    await em.flush();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.options.redirectUrl(),
      scope: this.options.scopes.join(' '),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href, state };
  }

  /**
   * The provider's redirect back: `query` is the callback's query string, `cookieState` the state of the browser's
   * cookie. Returns the session token's secret; throws `SignInRefused`, having created nothing, otherwise.
   */
  async finish(em: EntityManager, query: URLSearchParams, cookieState: string | undefined): Promise<string> {
    const state = query.get('state');
    if (!state || !cookieState || !sameText(state, cookieState))
      throw new SignInRefused(
        'BAD_STATE',
        400,
        'This sign-in was not started in this browser (its state does not match): start again from the dashboard.',
      );
    const stateHash = hashToken(state);
    const pending = await em.findOne(OidcLoginState, { stateHash });
    // Deleting is the claim: of two callbacks with one state (a replay, or two instances), one deletes the row.
    const claimed = pending ? await em.nativeDelete(OidcLoginState, { stateHash }) : 0;
    if (!pending || claimed === 0)
      throw new SignInRefused(
        'REPLAYED_STATE',
        400,
        'This sign-in was already used or is unknown: start again from the dashboard.',
      );
    if (pending.expiresAt.getTime() <= Date.now())
      throw new SignInRefused(
        'EXPIRED_STATE',
        400,
        `This sign-in took longer than ${LOGIN_STATE_SECONDS / 60} minutes: start again from the dashboard.`,
      );
    const providerError = query.get('error');
    if (providerError) {
      const description = query.get('error_description');
      throw new SignInRefused(
        'PROVIDER_ERROR',
        401,
        `${this.options.providerName} did not sign you in (${providerError}${description ? `: ${description}` : ''}).`,
      );
    }

    const [client, configuration] = await Promise.all([this.library(), this.discover()]);
    // The URL the provider redirected to, whatever proxy the request came through.
    const callbackUrl = new URL(this.options.redirectUrl());
    callbackUrl.search = query.toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const userInfo = configuration.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
        : {};
      claims = { ...userInfo, ...idClaims };
    } catch (error) {
      throw new SignInRefused(
        'TOKEN_REFUSED',
        401,
        `${this.options.providerName}'s answer was refused: ${reasonOf(error)}`,
      );
    }
    return this.signIn(em, claims);
  }

  private async signIn(em: EntityManager, claims: Record<string, unknown>): Promise<string> {
    const issuer = String(claims.iss);
    const subject = String(claims.sub);
    // Within the users table's columns (320 and 200 characters): a provider's long display name is cut, not fatal.
    const email =
      typeof claims.email === 'string' && claims.email.includes('@') && claims.email.length <= 320
        ? claims.email
        : null;
    const name = (
      (typeof claims.name === 'string' && claims.name.trim()) ||
      email ||
      `${subject} (${this.providerName})`
    ).slice(0, 200);
    const { grants, ignored } = parseGroupGrants(claims[this.options.groupsClaim]);

    let user = await em.findOne(User, { oidcIssuer: issuer, oidcSubject: subject });
    const created = !user;
    const roleBefore = user?.role;
    user ??= em.create(User, { name, email, role: Role.VIEWER, oidcIssuer: issuer, oidcSubject: subject });
    user.name = name;
    user.email = email;
    await this.options.applyGrants(em, user, grants);

    // Every sign-in adds a session token: the user's expired ones go, so they do not pile up in `accessTokens`.
    if (!created) await em.nativeDelete(AccessToken, { user: user.id, expiresAt: { $lte: new Date() } });
    const token = generateAccessToken();
    const expiresAt = new Date(Date.now() + this.options.sessionHours * 3_600_000);
    em.create(AccessToken, {
      user,
      name: `Sign-in with ${this.providerName}`,
      prefix: token.prefix,
      hash: token.hash,
      expiresAt,
      createdAt: new Date(),
    });
    recordAudit(
      em,
      { user, role: user.role, projectRoles: new Map() },
      'signInWithOidc',
      { type: 'User', id: user.globalId, project: null },
      { issuer, created, role: user.role, grants: grants.length, ignoredGroups: ignored.length },
    );
    await em.flush();
    // Sockets keep the role they connected with: a sign-in that changed it closes them (as updateUserRole does).
    if (!created && roleBefore !== user.role)
      await this.options.pubsub?.publish('USER_CHANGED', { id: user.id });
    this.options.logger.info(
      { userId: user.id, created, role: user.role, ignoredGroups: ignored.length },
      'single sign-on: signed in',
    );
    return token.secret;
  }

  /** Loaded at the first sign-in: installations without single sign-on never load the client library. */
  private library(): Promise<typeof OidcClient> {
    this.client ??= import('openid-client');
    return this.client;
  }

  /** The provider's discovery document, fetched once; a failure is retried at the next sign-in. */
  private discover(): Promise<OidcClient.Configuration> {
    this.configuration ??= (async () => {
      const client = await this.library();
      const issuer = new URL(this.options.issuer);
      const { clientId, clientSecret } = this.options;
      try {
        return await client.discovery(
          issuer,
          clientId,
          clientSecret,
          clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
          // A plain-http issuer is a provider on this machine or a test's; production providers are https.
          issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
        );
      } catch (error) {
        throw new SignInRefused(
          'PROVIDER_UNREACHABLE',
          502,
          `${this.providerName} (${this.options.issuer}) did not answer its discovery document: ${(error as Error).message}`,
        );
      }
    })();
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }
}

/** openid-client wraps what oauth4webapi found ("unexpected JWT claim value") around the why (which claim). */
function reasonOf(error: unknown): string {
  const { message, cause } = error as Error;
  return cause instanceof Error && cause.message !== message ? `${message}: ${cause.message}` : message;
}

function sameText(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
