import { useEffect, useState } from 'react';
import {
  AuditLog,
  ConnectionManager,
  DeployWizard,
  HangarProvider,
  ImportModelDialog,
  ModelTable,
  UserAdmin,
} from '@hangar/components';
import { fetchSingleSignOn, type SingleSignOn } from './auth-config.js';
import { DeploymentPage } from './deployment-page.js';
import { forgetToken, readToken, saveToken } from './host-token.js';
import { useHashRoute } from './host-routes.js';
import { ModelPage } from './model-page.js';
import { ProjectPage } from './project-page.js';
import { SignIn } from './sign-in.js';
import { TermsPage } from './terms-page.js';
import { checkToken, type SignedInViewer } from './token-check.js';

// Same origin: the Hangar server serves this app at `/` (and Vite proxies in development).
const GRAPHQL_URL = new URL('/graphql', window.location.href).href;

type Session =
  | { phase: 'checking'; token: string }
  | { phase: 'signed-out'; problem?: string }
  | { phase: 'signed-in'; token: string; viewer: SignedInViewer };

/** Acme's console: its own chrome and navigation around Hangar's components. */
export function Console() {
  const [session, setSession] = useState<Session>(() => {
    const token = readToken();
    return token ? { phase: 'checking', token } : { phase: 'signed-out' };
  });

  // The project the console works in (HangarProvider's `project`): none at first, every project the viewer sees.
  const [project, setProject] = useState<string | undefined>(undefined);

  // Asked once: the sign-in page shows the single sign-on button as soon as the server says it is on.
  const [sso, setSso] = useState<SingleSignOn | null>(null);
  useEffect(() => {
    let current = true;
    void fetchSingleSignOn(window.location.href).then((found) => current && setSso(found));
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (session.phase !== 'checking') return;
    let current = true;
    void checkToken(GRAPHQL_URL, session.token).then((result) => {
      if (!current) return;
      if (result.ok) {
        saveToken(session.token);
        setSession({ phase: 'signed-in', token: session.token, viewer: result.viewer });
      } else {
        forgetToken();
        setSession({ phase: 'signed-out', problem: result.problem });
      }
    });
    return () => {
      current = false;
    };
  }, [session]);

  if (session.phase !== 'signed-in') {
    return (
      <SignIn
        checking={session.phase === 'checking'}
        sso={sso}
        problem={session.phase === 'signed-out' ? session.problem : undefined}
        onToken={(token) => setSession({ phase: 'checking', token })}
      />
    );
  }
  return (
    <HangarProvider url={GRAPHQL_URL} token={session.token} project={project}>
      <Shell
        viewer={session.viewer}
        project={project}
        onProjectChange={setProject}
        onSignOut={() => {
          forgetToken();
          setSession({ phase: 'signed-out' });
        }}
      />
    </HangarProvider>
  );
}

function Shell({
  viewer,
  project,
  onProjectChange,
  onSignOut,
}: {
  viewer: SignedInViewer;
  project: string | undefined;
  onProjectChange: (slug: string) => void;
  onSignOut: () => void;
}) {
  const [route, go] = useHashRoute();
  const [importing, setImporting] = useState(false);
  const admin = viewer.role === 'ADMIN';
  const current = (page: string) => (route.page === page ? 'page' : undefined);

  return (
    <div className="acme-shell">
      <header className="acme-header">
        <a href="#/models" className="acme-brand">
          Acme AI Console
        </a>
        <nav aria-label="Main">
          <a href="#/models" aria-current={current('models')}>
            Open-source models
          </a>
          <a href="#/project" aria-current={current('project')}>
            Project
          </a>
          {admin ? (
            <>
              <a href="#/audit" aria-current={current('audit')}>
                Audit log
              </a>
              <a href="#/users" aria-current={current('users')}>
                Users
              </a>
            </>
          ) : null}
          {viewer.role !== 'VIEWER' ? (
            <a href="#/connections" aria-current={current('connections')}>
              Connections
            </a>
          ) : null}
        </nav>
        <span className="acme-viewer">
          {viewer.name} · {viewer.role.toLowerCase()}
        </span>
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
            <div className="acme-scroll">
              <ModelTable onOpenModel={(model) => go({ page: 'model', modelId: model.id })} />
            </div>
            <ImportModelDialog open={importing} onOpenChange={setImporting} />
          </>
        ) : null}

        {route.page === 'model' ? <ModelPage modelId={route.modelId} go={go} /> : null}

        {route.page === 'deploy' ? (
          <>
            <h1>{route.deploymentId ? 'Redeploy' : 'Deploy a model'}</h1>
            <p className="acme-hint">
              Deploying means accepting Acme&apos;s <a href="#/terms">Terms and Conditions</a>.
            </p>
            <DeployWizard
              modelId={route.modelId}
              deploymentId={route.deploymentId}
              termsHref="#/terms"
              onCancel={() => window.history.back()}
              onDeployed={(d) => go({ page: 'deployment', deploymentId: d.id, tab: 'history' })}
            />
          </>
        ) : null}

        {route.page === 'deployment' ? (
          <DeploymentPage deploymentId={route.deploymentId} tab={route.tab} go={go} />
        ) : null}

        {route.page === 'audit' ? <AuditLog className="acme-scroll" /> : null}
        {route.page === 'users' ? <UserAdmin /> : null}
        {route.page === 'connections' ? <ConnectionManager /> : null}
        {route.page === 'terms' ? <TermsPage /> : null}
        {route.page === 'project' ? (
          <ProjectPage project={project} onProjectChange={onProjectChange} />
        ) : null}
      </main>
      <footer className="acme-footer">
        <a href="#/terms">Terms and Conditions</a>
      </footer>
    </div>
  );
}
