import { useState, type FormEvent } from 'react';
import {
  ApiKeyManager,
  DeploymentSettings,
  DeploymentsTable,
  DeployWizard,
  EndpointPanel,
  HangarProvider,
  HistoryTimeline,
  ImportModelDialog,
  ModelTable,
} from '@hangar/components';
import { forgetToken, readToken, saveToken } from './host-token.js';
import { useHashRoute, type DeploymentTab } from './host-routes.js';

// Same origin: the Hangar server serves this app at `/` (and Vite proxies in development).
const GRAPHQL_URL = new URL('/graphql', window.location.href).href;

/** Acme's console: its own chrome and navigation around Hangar's components. */
export function Console() {
  const [token, setToken] = useState(readToken);
  if (!token) {
    return (
      <SignIn
        onToken={(t) => {
          saveToken(t);
          setToken(t);
        }}
      />
    );
  }
  return (
    <HangarProvider url={GRAPHQL_URL} token={token}>
      <Shell
        onSignOut={() => {
          forgetToken();
          setToken(null);
        }}
      />
    </HangarProvider>
  );
}

function SignIn({ onToken }: { onToken: (token: string) => void }) {
  const [value, setValue] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (value.trim()) onToken(value.trim());
  }
  return (
    <main className="acme-signin">
      <h1>Acme AI Console</h1>
      <form onSubmit={submit}>
        <label htmlFor="token">Hangar access token</label>
        <input
          id="token"
          type="password"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
        />
        <p className="acme-hint">
          On a fresh install the first admin&apos;s token is in <code>data/admin-token</code> next to the
          server.
        </p>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

const TABS: Array<{ value: DeploymentTab; label: string }> = [
  { value: 'endpoint', label: 'Model Endpoint' },
  { value: 'keys', label: 'API Keys' },
  { value: 'settings', label: 'Configurations' },
  { value: 'history', label: 'Deployment history' },
];

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const [route, go] = useHashRoute();
  const [importing, setImporting] = useState(false);

  return (
    <div className="acme-shell">
      <header className="acme-header">
        <a href="#/models" className="acme-brand">
          Acme AI Console
        </a>
        <nav aria-label="Main">
          <a href="#/models" aria-current={route.page === 'models' ? 'page' : undefined}>
            Open-source models
          </a>
        </nav>
        <button type="button" className="acme-link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="acme-main">
        {route.page === 'models' ? (
          <>
            <div className="acme-title">
              <h1>Open-source models</h1>
              <div className="acme-actions">
                <button type="button" onClick={() => setImporting(true)}>
                  Import model
                </button>
                <button type="button" className="acme-primary" onClick={() => go({ page: 'deploy' })}>
                  Deploy a model
                </button>
              </div>
            </div>
            <ModelTable
              onOpenModel={(model) => go({ page: 'model', modelId: model.id, modelName: model.name })}
            />
            <ImportModelDialog open={importing} onOpenChange={setImporting} />
          </>
        ) : null}

        {route.page === 'model' ? (
          <>
            <div className="acme-title">
              <h1>{route.modelName} · deployments</h1>
              <button
                type="button"
                className="acme-primary"
                onClick={() => go({ page: 'deploy', modelId: route.modelId })}
              >
                Deploy model
              </button>
            </div>
            <DeploymentsTable
              modelId={route.modelId}
              onOpenDeployment={(d) => go({ page: 'deployment', deploymentId: d.id, tab: 'endpoint' })}
              onManageApiKeys={(d) => go({ page: 'deployment', deploymentId: d.id, tab: 'keys' })}
            />
          </>
        ) : null}

        {route.page === 'deploy' ? (
          <>
            <h1>{route.deploymentId ? 'Redeploy' : 'Deploy a model'}</h1>
            <DeployWizard
              modelId={route.modelId}
              deploymentId={route.deploymentId}
              onCancel={() => window.history.back()}
              onDeployed={(d) => go({ page: 'deployment', deploymentId: d.id, tab: 'history' })}
            />
          </>
        ) : null}

        {route.page === 'deployment' ? (
          <div className="acme-deployment">
            <nav aria-label="Deployment" className="acme-tabs">
              {TABS.map((tab) => (
                <a
                  key={tab.value}
                  href={`#/deployments/${encodeURIComponent(route.deploymentId)}/${tab.value}`}
                  aria-current={route.tab === tab.value ? 'page' : undefined}
                >
                  {tab.label}
                </a>
              ))}
              <button type="button" onClick={() => go({ page: 'deploy', deploymentId: route.deploymentId })}>
                Redeploy
              </button>
            </nav>
            <section className="acme-panel">
              {route.tab === 'endpoint' ? <EndpointPanel deploymentId={route.deploymentId} /> : null}
              {route.tab === 'keys' ? <ApiKeyManager deploymentId={route.deploymentId} /> : null}
              {route.tab === 'settings' ? (
                <DeploymentSettings
                  deploymentId={route.deploymentId}
                  onDeleted={() => go({ page: 'models' })}
                />
              ) : null}
              {route.tab === 'history' ? <HistoryTimeline deploymentId={route.deploymentId} /> : null}
            </section>
          </div>
        ) : null}
      </main>
    </div>
  );
}
