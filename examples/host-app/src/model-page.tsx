import { CombinedGraphQLErrors } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { DeploymentsTable, ModelDetails } from '@hangar/components';
import { ModelDetailsDocument } from '@hangar/components/documents';
import type { Route } from './host-routes.js';

const isNotFound = (error: unknown) =>
  CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'NOT_FOUND');

/** One model: its details (edit, export, delete) and its deployments; an unknown ID says so. */
export function ModelPage({ modelId, go }: { modelId: string; go: (route: Route) => void }) {
  // The same query ModelDetails runs: Apollo answers both from one request and one cache entry.
  const { data, error } = useQuery(ModelDetailsDocument, { variables: { id: modelId } });
  if (isNotFound(error)) {
    return (
      <div className="acme-not-found">
        <h1>Model not found</h1>
        <p>
          No model has the ID <code>{modelId}</code>. It may have been deleted.{' '}
          <a href="#/models">Back to the models</a>
        </p>
      </div>
    );
  }
  const name = data?.model.name;
  return (
    <>
      <div className="acme-title">
        <h1>{name ?? 'Model'}</h1>
        <button type="button" className="acme-primary" onClick={() => go({ page: 'deploy', modelId })}>
          Deploy model
        </button>
      </div>
      <ModelDetails modelId={modelId} onDeleted={() => go({ page: 'models' })} />
      <h2 className="acme-subtitle">Deployments{name ? ` of ${name}` : ''}</h2>
      <div className="acme-scroll">
        <DeploymentsTable
          modelId={modelId}
          onOpenDeployment={(d) => go({ page: 'deployment', deploymentId: d.id, tab: 'endpoint' })}
          onManageApiKeys={(d) => go({ page: 'deployment', deploymentId: d.id, tab: 'keys' })}
        />
      </div>
    </>
  );
}
