import { CombinedGraphQLErrors } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import {
  ApiKeyManager,
  DeploymentAdapters,
  DeploymentCost,
  DeploymentEvents,
  DeploymentMetrics,
  DeploymentSettings,
  EndpointPanel,
  HistoryTimeline,
  Playground,
  ReplicaList,
  TrafficSplit,
} from '@hangar/components';
import { DeploymentSettingsDocument } from '@hangar/components/documents';
import type { DeploymentTab, Route } from './host-routes.js';

const TABS: Array<{ value: DeploymentTab; label: string }> = [
  { value: 'endpoint', label: 'Model Endpoint' },
  { value: 'playground', label: 'Playground' },
  { value: 'keys', label: 'API Keys' },
  { value: 'settings', label: 'Configurations' },
  { value: 'events', label: 'Events' },
  { value: 'replicas', label: 'Replicas' },
  { value: 'adapters', label: 'Adapters' },
  { value: 'metrics', label: 'Metrics' },
  { value: 'history', label: 'Deployment history' },
];

const isNotFound = (error: unknown) =>
  CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'NOT_FOUND');

/** One deployment under its name, with a tab per component; an unknown ID says "not found". */
export function DeploymentPage({
  deploymentId,
  tab,
  go,
}: {
  deploymentId: string;
  tab: DeploymentTab;
  go: (route: Route) => void;
}) {
  // The same query DeploymentSettings runs, so the name costs no extra request on that tab.
  const { data, error } = useQuery(DeploymentSettingsDocument, { variables: { id: deploymentId } });
  if (isNotFound(error)) {
    return (
      <div className="acme-not-found">
        <h1>Deployment not found</h1>
        <p>
          No deployment has the ID <code>{deploymentId}</code>. It may have been deleted.{' '}
          <a href="#/models">Back to the models</a>
        </p>
      </div>
    );
  }
  const deployment = data?.deployment;
  return (
    <>
      <div className="acme-title">
        <h1>
          {deployment ? deployment.name : 'Deployment'}
          {deployment ? <span className="acme-id"> {deployment.deploymentId}</span> : null}
        </h1>
        <button type="button" onClick={() => go({ page: 'deploy', deploymentId })}>
          Redeploy
        </button>
      </div>
      <div className="acme-deployment">
        <nav aria-label={`Deployment ${deployment?.name ?? ''}`.trim()} className="acme-tabs">
          {TABS.map((t) => (
            <a
              key={t.value}
              href={`#/deployments/${encodeURIComponent(deploymentId)}/${t.value}`}
              aria-current={tab === t.value ? 'page' : undefined}
            >
              {t.label}
            </a>
          ))}
        </nav>
        <section className="acme-panel acme-scroll" aria-label={TABS.find((t) => t.value === tab)?.label}>
          {tab === 'endpoint' ? <EndpointPanel deploymentId={deploymentId} /> : null}
          {tab === 'playground' ? <Playground deploymentId={deploymentId} /> : null}
          {tab === 'keys' ? <ApiKeyManager deploymentId={deploymentId} /> : null}
          {tab === 'settings' ? (
            <DeploymentSettings deploymentId={deploymentId} onDeleted={() => go({ page: 'models' })} />
          ) : null}
          {tab === 'events' ? <DeploymentEvents deploymentId={deploymentId} /> : null}
          {tab === 'replicas' ? (
            <>
              <ReplicaList deploymentId={deploymentId} />
              <TrafficSplit deploymentId={deploymentId} />
            </>
          ) : null}
          {tab === 'adapters' ? <DeploymentAdapters deploymentId={deploymentId} /> : null}
          {tab === 'metrics' ? (
            <>
              <DeploymentCost deploymentId={deploymentId} />
              <DeploymentMetrics deploymentId={deploymentId} />
            </>
          ) : null}
          {tab === 'history' ? <HistoryTimeline deploymentId={deploymentId} /> : null}
        </section>
      </div>
    </>
  );
}
