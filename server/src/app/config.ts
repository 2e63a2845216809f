// Plain values only: the README walkthrough test loads this file without reflect-metadata (no decorated module here).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPLOYMENT_DETAIL_FIELDS } from '../core/deployment-config/deployment-config.fields.js';
import type { IntrospectionPolicy, OperationLimits } from '../graphql/operation-limits.js';

/** Everything Hangar reads from its environment, parsed once at start. */
export interface HangarConfig {
  /** HANGAR_PORT (default 4000). 0 picks a free port (tests). */
  port: number;
  /** HANGAR_HOST (default 0.0.0.0). */
  host: string;
  /** HANGAR_DATA_DIR (default: the repository's data/): SQLite file, model store, admin token. */
  dataDir: string;
  /** HANGAR_DATABASE_URL: postgres://… switches from the SQLite file to PostgreSQL. */
  databaseUrl?: string;
  /** HANGAR_REDIS_URL: events cross server instances through Redis when set. */
  redisUrl?: string;
  /**
   * HANGAR_REDIS_PREFIX (default `hangar:`): the start of every key and pub/sub channel this installation uses in
   * Redis, so that installations sharing one Redis never see each other's limits or events.
   */
  redisPrefix: string;
  /** HANGAR_RUNTIME: 'local' (default) or 'nomad'. */
  runtime: 'local' | 'nomad';
  /** The Nomad cluster (HANGAR_RUNTIME=nomad): NOMAD_ADDR (required then), NOMAD_TOKEN, NOMAD_NAMESPACE, NOMAD_REGION. */
  nomad: { addr?: string; token?: string; namespace?: string; region?: string };
  /** HANGAR_RECONCILE_INTERVAL_SECONDS: how often what the runtime runs (local replicas or Nomad jobs) is compared
   * with the database, and rows a crash left open are closed (default 60; 0 = only at start). */
  reconcileIntervalSeconds: number;
  /** HANGAR_HEALTH_INTERVAL_SECONDS (default 10; 0 = no probes), HANGAR_HEALTH_TIMEOUT_SECONDS (default 5),
   * HANGAR_HEALTH_MISSES (default 3): a local replica that leaves that many probes in a row unanswered leaves
   * routing and is restarted. */
  health: { intervalSeconds: number; timeoutSeconds: number; misses: number };
  /** HANGAR_JWT_SECRET: HS256 secret of JWTs issued by a host product. */
  jwtSecret?: string;
  /** HANGAR_JWKS_URL: JWKS of a host product's identity provider (RS256/ES256 JWTs). */
  jwksUrl?: string;
  /** HANGAR_JWT_ISSUER / HANGAR_JWT_AUDIENCE: checked when set. */
  jwtIssuer?: string;
  jwtAudience?: string;
  /**
   * Single sign-on for the dashboard (OpenID Connect), on when HANGAR_OIDC_ISSUER is set: HANGAR_OIDC_CLIENT_ID
   * (required then), HANGAR_OIDC_CLIENT_SECRET (none: a public client, PKCE only), HANGAR_OIDC_REDIRECT_URL (default
   * <public URL>/auth/oidc/callback), HANGAR_OIDC_GROUPS_CLAIM (default `groups`), HANGAR_OIDC_SCOPES (default
   * `openid email profile`; `openid` is always asked), HANGAR_OIDC_NAME (the button's "Sign in with …", default the
   * issuer's host), HANGAR_OIDC_SESSION_HOURS (how long a sign-in's token works, default 12).
   */
  oidc?: OidcConfig;
  /** HANGAR_JWT_PROJECTS_CLAIM (default hangar_projects): the claim mapping project slugs to roles. */
  jwtProjectsClaim: string;
  /** HANGAR_PUBLIC_URL: how clients reach this server (endpoint URLs, snippets). Default http://localhost:<port>. */
  publicUrl?: string;
  /** HANGAR_LOG_LEVEL (default info). */
  logLevel: string;
  /** HANGAR_HARDWARE_PROFILES: JSON file of hardware profiles (default: the shipped set). */
  hardwareProfilesFile?: string;
  /** HANGAR_COST_CURRENCY (default USD): the currency of hardware profiles' prices and of `Deployment.cost`. */
  costCurrency: string;
  /** HANGAR_DEMO_MODEL=0 skips generating and registering the demo model. */
  demoModel: boolean;
  /**
   * GraphQL operation limits: HANGAR_MAX_TOKENS, HANGAR_MAX_DEPTH, HANGAR_MAX_ALIASES, HANGAR_MAX_DIRECTIVES,
   * HANGAR_MAX_COMPLEXITY, HANGAR_INTROSPECTION (public | signed-in | off), HANGAR_MAX_STRING_LENGTH,
   * HANGAR_MAX_LIST_LENGTH. The tighter per-field bounds below follow the database columns.
   */
  operationLimits: OperationLimits;
  /** HANGAR_CORS_ORIGINS: comma-separated origins allowed to call /graphql and /uploads besides the server's own. */
  corsOrigins: string[];
  /** HANGAR_METRICS: `admin` (default: /metrics needs an ADMIN bearer token) or `public`. */
  metricsAccess: 'admin' | 'public';
  /** HANGAR_METRICS_RETENTION_DAYS: per-minute gateway rollups older than this are deleted (default 30). */
  metricsRetentionDays: number;
  /** HANGAR_ROUTING: `cache-aware` (default) or `least-in-flight` (affinity keys ignored). */
  routing: 'cache-aware' | 'least-in-flight';
  /** HANGAR_SMTP_URL (smtp://user:pass@host:port): "endpoint ready" emails. */
  smtpUrl?: string;
  /** HANGAR_MAIL_FROM (default "Hangar <hangar@localhost>"). */
  mailFrom: string;
  /** HANGAR_NOTIFY_EMAILS: comma-separated addresses told about every ready endpoint, besides the deployer. */
  notifyEmails: string[];
  /** HANGAR_WEBHOOK_URL / HANGAR_WEBHOOK_SECRET: the same event as signed JSON. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** HANGAR_MAX_UPLOAD_BYTES: largest model archive accepted by /uploads (default 50 GB). */
  maxUploadBytes: number;
  /** HANGAR_UPLOAD_IDLE_HOURS: an upload that receives no byte for this long is removed and its import failed
   * (default 24; fractions allowed). */
  uploadIdleHours: number;
  /** HANGAR_PLAYGROUND_KEY_SECONDS: how long a key from `createPlaygroundKey` works (default 900 = 15 minutes). */
  playgroundKeySeconds: number;
  /** HANGAR_SECRET_KEY: 32 bytes (hex or base64) encrypting stored tokens; default: <dataDir>/secret.key. */
  secretKey?: string;
  /** HANGAR_HF_ENDPOINT: Hugging Face hub URL (default https://huggingface.co). */
  hfEndpoint: string;
  /** HANGAR_LIVE_WINDOW_MS: at most one live batch per window; changes of one object within it reach subscribers once, as the latest
   * state (default 50). */
  liveWindowMs: number;
  /** HANGAR_LIVE_MAX_BUFFERED_BYTES: a subscriber socket with more unsent bytes is closed as too slow (default 4 MiB). */
  liveMaxBufferedBytes: number;
  /** HANGAR_DRAIN_SECONDS: on SIGTERM, how long gateway requests in flight may take to finish while new ones get 503
   * with Retry-After (default 30). */
  drainSeconds: number;
  /** HANGAR_UI_DIR: the built dashboard served at `/` (default: examples/host-app/dist of this checkout). */
  uiDir: string;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUrl?: string;
  groupsClaim: string;
  scopes: string[];
  providerName: string;
  sessionHours: number;
}

function oidcFromEnv(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.HANGAR_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  let host: string;
  try {
    host = new URL(issuer).host;
  } catch {
    throw new Error(`HANGAR_OIDC_ISSUER must be a URL (the provider's issuer), got "${issuer}".`);
  }
  const clientId = env.HANGAR_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('HANGAR_OIDC_ISSUER is set: set HANGAR_OIDC_CLIENT_ID too.');
  const scopes = (env.HANGAR_OIDC_SCOPES || 'openid email profile').split(/[\s,]+/).filter(Boolean);
  return {
    issuer,
    clientId,
    clientSecret: env.HANGAR_OIDC_CLIENT_SECRET || undefined,
    redirectUrl: env.HANGAR_OIDC_REDIRECT_URL || undefined,
    groupsClaim: env.HANGAR_OIDC_GROUPS_CLAIM || 'groups',
    scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
    providerName: env.HANGAR_OIDC_NAME || host,
    sessionHours: positiveNumberFromEnv(env.HANGAR_OIDC_SESSION_HOURS, 12, 'HANGAR_OIDC_SESSION_HOURS'),
  };
}

function intFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}".`);
  return parsed;
}

function positiveNumberFromEnv(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive number, got "${value}".`);
  return parsed;
}

function positiveIntFromEnv(value: string | undefined, fallback: number, name: string): number {
  const parsed = intFromEnv(value, fallback, name);
  if (parsed === 0) throw new Error(`${name} must be at least 1, got "${value}".`);
  return parsed;
}

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${name} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T;
}

function operationLimitsFromEnv(env: NodeJS.ProcessEnv): OperationLimits {
  const introspection: IntrospectionPolicy = oneOf(
    env.HANGAR_INTROSPECTION,
    ['public', 'signed-in', 'off'] as const,
    'signed-in',
    'HANGAR_INTROSPECTION',
  );
  return {
    // The dashboard's largest operation is ~150 tokens and the introspection query ~250.
    maxTokens: intFromEnv(env.HANGAR_MAX_TOKENS, 3000, 'HANGAR_MAX_TOKENS'),
    maxDepth: intFromEnv(env.HANGAR_MAX_DEPTH, 12, 'HANGAR_MAX_DEPTH'),
    maxAliases: intFromEnv(env.HANGAR_MAX_ALIASES, 30, 'HANGAR_MAX_ALIASES'),
    maxDirectives: intFromEnv(env.HANGAR_MAX_DIRECTIVES, 30, 'HANGAR_MAX_DIRECTIVES'),
    // GraphQL Armor's estimate: the dashboard's costliest operation is ~1 650; 100 models with two nested lists ~5 800.
    maxCost: intFromEnv(env.HANGAR_MAX_COMPLEXITY, 5000, 'HANGAR_MAX_COMPLEXITY'),
    introspection,
    input: {
      maxStringLength: intFromEnv(env.HANGAR_MAX_STRING_LENGTH, 10_000, 'HANGAR_MAX_STRING_LENGTH'),
      // Bounds for arguments no domain rule measures (the columns hold 200 for names and ids, 320 for an email).
      // Fields of the deployment configuration table (tags, stop sequences, descriptions) are left to its rules,
      // which refuse them with a userError naming the limit; the general cap above still bounds them.
      maxStringLengthByName: {
        name: DEPLOYMENT_DETAIL_FIELDS.name.maxLength,
        email: 320,
        search: 200,
        repoId: 200,
        uploadId: 200,
        catalogEntryId: 200,
        hardwareProfileId: 200,
        id: 200,
        modelId: 200,
        baseModelId: 200,
        deploymentId: 200,
        connectionId: 200,
        after: 200,
        token: 1000,
      },
      maxListLength: intFromEnv(env.HANGAR_MAX_LIST_LENGTH, 100, 'HANGAR_MAX_LIST_LENGTH'),
    },
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): HangarConfig {
  const runtime = env.HANGAR_RUNTIME ?? 'local';
  if (runtime !== 'local' && runtime !== 'nomad') {
    throw new Error(`HANGAR_RUNTIME must be "local" or "nomad", got "${runtime}".`);
  }
  return {
    port: intFromEnv(env.HANGAR_PORT, 4000, 'HANGAR_PORT'),
    host: env.HANGAR_HOST ?? '0.0.0.0',
    // The default is the repository's data/ whichever folder the server starts from (npm start runs it from
    // server/), so the README's `cat data/admin-token` finds the token; a set HANGAR_DATA_DIR is relative to the cwd.
    dataDir: env.HANGAR_DATA_DIR ? resolve(env.HANGAR_DATA_DIR) : DEFAULT_DATA_DIR,
    databaseUrl: env.HANGAR_DATABASE_URL || undefined,
    redisUrl: env.HANGAR_REDIS_URL || undefined,
    redisPrefix: env.HANGAR_REDIS_PREFIX || 'hangar:',
    runtime,
    nomad: {
      addr: env.NOMAD_ADDR || undefined,
      token: env.NOMAD_TOKEN || undefined,
      namespace: env.NOMAD_NAMESPACE || undefined,
      region: env.NOMAD_REGION || undefined,
    },
    reconcileIntervalSeconds: intFromEnv(
      env.HANGAR_RECONCILE_INTERVAL_SECONDS,
      60,
      'HANGAR_RECONCILE_INTERVAL_SECONDS',
    ),
    health: {
      intervalSeconds: intFromEnv(env.HANGAR_HEALTH_INTERVAL_SECONDS, 10, 'HANGAR_HEALTH_INTERVAL_SECONDS'),
      timeoutSeconds: positiveIntFromEnv(
        env.HANGAR_HEALTH_TIMEOUT_SECONDS,
        5,
        'HANGAR_HEALTH_TIMEOUT_SECONDS',
      ),
      misses: positiveIntFromEnv(env.HANGAR_HEALTH_MISSES, 3, 'HANGAR_HEALTH_MISSES'),
    },
    jwtSecret: env.HANGAR_JWT_SECRET || undefined,
    jwksUrl: env.HANGAR_JWKS_URL || undefined,
    jwtIssuer: env.HANGAR_JWT_ISSUER || undefined,
    jwtAudience: env.HANGAR_JWT_AUDIENCE || undefined,
    oidc: oidcFromEnv(env),
    jwtProjectsClaim: env.HANGAR_JWT_PROJECTS_CLAIM?.trim() || 'hangar_projects',
    publicUrl: env.HANGAR_PUBLIC_URL || undefined,
    logLevel: env.HANGAR_LOG_LEVEL ?? 'info',
    hardwareProfilesFile: env.HANGAR_HARDWARE_PROFILES || undefined,
    costCurrency: env.HANGAR_COST_CURRENCY || 'USD',
    demoModel: env.HANGAR_DEMO_MODEL !== '0',
    operationLimits: operationLimitsFromEnv(env),
    corsOrigins: (env.HANGAR_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    metricsAccess: oneOf(env.HANGAR_METRICS, ['admin', 'public'] as const, 'admin', 'HANGAR_METRICS'),
    metricsRetentionDays: positiveIntFromEnv(
      env.HANGAR_METRICS_RETENTION_DAYS,
      30,
      'HANGAR_METRICS_RETENTION_DAYS',
    ),
    routing: oneOf(
      env.HANGAR_ROUTING,
      ['cache-aware', 'least-in-flight'] as const,
      'cache-aware',
      'HANGAR_ROUTING',
    ),
    smtpUrl: env.HANGAR_SMTP_URL || undefined,
    mailFrom: env.HANGAR_MAIL_FROM ?? 'Hangar <hangar@localhost>',
    notifyEmails: (env.HANGAR_NOTIFY_EMAILS ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    webhookUrl: env.HANGAR_WEBHOOK_URL || undefined,
    webhookSecret: env.HANGAR_WEBHOOK_SECRET || undefined,
    maxUploadBytes: intFromEnv(env.HANGAR_MAX_UPLOAD_BYTES, 50 * 1024 ** 3, 'HANGAR_MAX_UPLOAD_BYTES'),
    uploadIdleHours: positiveNumberFromEnv(env.HANGAR_UPLOAD_IDLE_HOURS, 24, 'HANGAR_UPLOAD_IDLE_HOURS'),
    playgroundKeySeconds: positiveIntFromEnv(
      env.HANGAR_PLAYGROUND_KEY_SECONDS,
      900,
      'HANGAR_PLAYGROUND_KEY_SECONDS',
    ),
    secretKey: env.HANGAR_SECRET_KEY || undefined,
    hfEndpoint: (env.HANGAR_HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, ''),
    liveWindowMs: intFromEnv(env.HANGAR_LIVE_WINDOW_MS, 50, 'HANGAR_LIVE_WINDOW_MS'),
    liveMaxBufferedBytes: intFromEnv(
      env.HANGAR_LIVE_MAX_BUFFERED_BYTES,
      4 * 1024 ** 2,
      'HANGAR_LIVE_MAX_BUFFERED_BYTES',
    ),
    drainSeconds: intFromEnv(env.HANGAR_DRAIN_SECONDS, 30, 'HANGAR_DRAIN_SECONDS'),
    uiDir: resolve(
      env.HANGAR_UI_DIR ?? fileURLToPath(new URL('../../../examples/host-app/dist', import.meta.url)),
    ),
  };
}
