import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState, type ComponentPropsWithRef } from 'react';
import {
  ApiKeyUsageChangedDocument,
  DeploymentApiKeysDocument,
  RevokeApiKeyDocument,
  type ApiKeyRowFragment,
} from '../gql/graphql.js';
import { ApiKeyBudgetDialog } from './api-key-budget-dialog.js';
import { ApiKeyBudgetMeter } from './api-key-budget-meter.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { ConfirmDialog } from '../shared/confirm-dialog.js';
import { formatCount, formatDateTime } from '../shared/format.js';
import { StatusBadge } from '../shared/status-badge.js';
import { ApiKeyCreateDialog } from './api-key-create-dialog.js';
import '../styles/theme.css';
import './api-key-manager.css';
import { LoadError } from '../shared/load-error.js';

export type { ApiKeyRowFragment as ApiKeyRow } from '../gql/graphql.js';

/** CSS variables ApiKeyManager reads beyond the theme's. */
export type ApiKeyManagerCssVariables =
  | '--hangar-api-key-secret-bg'
  | '--hangar-api-key-budget-ok'
  | '--hangar-api-key-budget-warning'
  | '--hangar-api-key-budget-spent';

export type ApiKeyManagerProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment whose keys to manage; keys open only this deployment. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Called after a key was created (never with the secret). @default undefined */
  onKeyCreated?: (key: ApiKeyRowFragment) => void;
  /** Called after a key was revoked. @default undefined */
  onKeyRevoked?: (keyId: string) => void;
  /** The clock for expiry (status and new keys' expiry); pass a fixed time in tests. @default () => Date.now() */
  now?: () => number;
  /** Follow each key's usage and budget live (the `apiKeyUsageChanged` subscription). @default true */
  live?: boolean;
};

function keyStatus(key: ApiKeyRowFragment, now: number): 'ACTIVE' | 'REVOKED' | 'EXPIRED' {
  if (key.revokedAt) return 'REVOKED';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'EXPIRED';
  return 'ACTIVE';
}

function usageSummary(usage: ApiKeyRowFragment['usage']): string {
  const requests = `${formatCount(usage.requests)} request${usage.requests === 1 ? '' : 's'}`;
  const errors = usage.errors ? ` · ${formatCount(usage.errors)} failed` : '';
  const tokens = usage.promptTokens + usage.completionTokens;
  return `${requests}${errors} · ${formatCount(tokens)} tokens`;
}

/**
 * API keys of one deployment: create with an optional expiry and rate limit (the secret is shown once, with
 * copy), list with each key's usage, and revoke.
 */
export function ApiKeyManager({
  deploymentId,
  client: clientProp,
  onKeyCreated,
  onKeyRevoked,
  now = Date.now,
  live = true,
  className,
  ...rest
}: ApiKeyManagerProps) {
  const client = useHangarClient('ApiKeyManager', clientProp);
  const { data, loading, error, refetch } = useQuery(DeploymentApiKeysDocument, {
    client,
    variables: { id: deploymentId },
    // Usage and "last used" change with every endpoint call, outside GraphQL: refresh whenever it opens.
    fetchPolicy: 'cache-and-network',
  });
  // Events carry the key's id: Apollo's cache updates its row (usage and budget meter) in place.
  useSubscription(ApiKeyUsageChangedDocument, { client, skip: !live, variables: { deploymentId } });
  const [revokeKey, revoking] = useMutation(RevokeApiKeyDocument, { client });
  const [creating, setCreating] = useState(false);
  const [pendingRevoke, setPendingRevoke] = useState<ApiKeyRowFragment | null>(null);
  const [budgetKey, setBudgetKey] = useState<ApiKeyRowFragment | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const keys = data?.deployment?.apiKeys ?? [];
  const state = error ? 'error' : loading && !data ? 'loading' : keys.length === 0 ? 'empty' : 'ready';

  async function confirmRevoke() {
    if (!pendingRevoke) return;
    try {
      const result = await revokeKey({ variables: { input: { id: pendingRevoke.id } } });
      const problem = result.data?.revokeApiKey.userErrors[0];
      if (problem) {
        setRevokeError(problem.message);
        return;
      }
      onKeyRevoked?.(pendingRevoke.id);
      setPendingRevoke(null);
      setRevokeError(null);
      await refetch();
    } catch (e) {
      setRevokeError((e as Error).message);
    }
  }

  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-api-keys', className)}
      data-state={state}
      aria-label="API keys"
    >
      <div className="hangar-toolbar hangar-api-keys__toolbar">
        <p className="hangar-muted">Keys are scoped to this deployment.</p>
        <button
          type="button"
          className="hangar-button"
          data-variant="primary"
          onClick={() => setCreating(true)}
        >
          Create a new API key
        </button>
      </div>
      {error ? <LoadError what="API keys" error={error} onRetry={refetch} /> : null}
      <div className="hangar-table-scroll">
        <table className="hangar-table" aria-label="API keys" aria-busy={state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Created by</th>
              <th scope="col">Created on</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Rate limit</th>
              <th scope="col">Usage</th>
              <th scope="col">Monthly budget</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="hangar-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state === 'loading' ? (
              <tr>
                <td colSpan={11} className="hangar-table__empty">
                  Loading API keys…
                </td>
              </tr>
            ) : null}
            {state === 'empty' ? (
              <tr>
                <td colSpan={11} className="hangar-table__empty">
                  No API keys yet. Create one to call this deployment from outside.
                </td>
              </tr>
            ) : null}
            {keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.createdBy?.name ?? '—'}</td>
                <td>{formatDateTime(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                <td>{key.expiresAt ? formatDateTime(key.expiresAt) : 'Never'}</td>
                <td>{key.rateLimitPerMinute ? `${formatCount(key.rateLimitPerMinute)}/min` : 'None'}</td>
                <td data-requests={key.usage.requests}>{usageSummary(key.usage)}</td>
                <td>
                  <ApiKeyBudgetMeter budget={key.budget} />
                </td>
                <td>
                  <StatusBadge status={keyStatus(key, now())} />
                </td>
                <td>
                  {keyStatus(key, now()) === 'ACTIVE' ? (
                    <>
                      <button
                        type="button"
                        className="hangar-button"
                        aria-label={`Budget of ${key.name}`}
                        onClick={() => setBudgetKey(key)}
                      >
                        Budget
                      </button>{' '}
                      <button
                        type="button"
                        className="hangar-button"
                        aria-label={`Revoke ${key.name}`}
                        onClick={() => setPendingRevoke(key)}
                      >
                        Revoke
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ApiKeyCreateDialog
        client={client}
        deploymentId={deploymentId}
        open={creating}
        now={now}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          onKeyCreated?.(key);
          void refetch();
        }}
      />

      <ApiKeyBudgetDialog client={client} apiKey={budgetKey} onClose={() => setBudgetKey(null)} />

      <ConfirmDialog
        open={pendingRevoke !== null}
        title={`Revoke ${pendingRevoke?.name ?? 'key'}?`}
        confirmLabel="Revoke key"
        busy={revoking.loading}
        onCancel={() => {
          setPendingRevoke(null);
          setRevokeError(null);
        }}
        onConfirm={() => void confirmRevoke()}
      >
        <p>Applications using this key will get 401 Unauthorized at once.</p>
        {revokeError ? (
          <p role="alert" className="hangar-error">
            {revokeError}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
