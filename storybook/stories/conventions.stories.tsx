import type { Meta, StoryObj } from '@storybook/react-vite';
import { createRef, type RefObject } from 'react';
import { expect, within } from 'storybook/test';
import {
  ApiKeyManager,
  AuditLog,
  ConnectionManager,
  DeploymentCost,
  DeploymentEvents,
  DeploymentMetrics,
  DeploymentSettings,
  DeploymentsTable,
  EndpointPanel,
  HistoryTimeline,
  ModelDetails,
  ModelTable,
  Playground,
  ReplicaList,
  UserAdmin,
} from '@hangar/components';
import {
  AuditLogDocument,
  ApiKeyUsageChangedDocument,
  ConnectionsDocument,
  DeploymentCostDocument,
  DeploymentEventStreamDocument,
  DeploymentEventsDocument,
  DeploymentMetricsDocument,
  DeploymentReplicaUpdatesDocument,
  DeploymentReplicasDocument,
  ModelDetailsDocument,
  UserAdminDocument,
  DeploymentApiKeysDocument,
  DeploymentEndpointDocument,
  DeploymentHistoryDocument,
  DeploymentHistoryUpdatesDocument,
  DeploymentListChangesDocument,
  DeploymentRowUpdatesDocument,
  DeploymentSettingsDocument,
  DeploymentsTableDocument,
  ModelTableDocument,
  ModelTableDeploymentUpdatesDocument,
  ModelTableUpdatesDocument,
  PlaygroundDeploymentDocument,
} from '@hangar/components/documents';
import { answer, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';

// The checklist every component shares: its own class, the host's className/style/DOM props passed through,
// the ref forwarded, and state exposed as an enumerated data-state.
const refs: Record<string, RefObject<HTMLElement | null>> = {};
const host = (name: string) => {
  refs[name] = createRef<HTMLElement>();
  return { className: 'host-class', style: { maxWidth: 900 }, 'data-testid': name, id: `host-${name}` };
};

function AllComponents() {
  const id = 'RGVwbG95bWVudDox';
  return (
    <div>
      <ModelTable {...host('model-table')} ref={refs['model-table'] as RefObject<HTMLDivElement>} />
      <DeploymentsTable
        {...host('deployments-table')}
        ref={refs['deployments-table'] as RefObject<HTMLDivElement>}
      />
      <HistoryTimeline
        {...host('history-timeline')}
        deploymentId={id}
        ref={refs['history-timeline'] as RefObject<HTMLElement>}
      />
      <ApiKeyManager
        {...host('api-key-manager')}
        deploymentId={id}
        ref={refs['api-key-manager'] as RefObject<HTMLElement>}
      />
      <EndpointPanel
        {...host('endpoint-panel')}
        deploymentId={id}
        ref={refs['endpoint-panel'] as RefObject<HTMLElement>}
      />
      <DeploymentSettings
        {...host('deployment-settings')}
        deploymentId={id}
        ref={refs['deployment-settings'] as RefObject<HTMLElement>}
      />
      <DeploymentEvents
        {...host('deployment-events')}
        deploymentId={id}
        ref={refs['deployment-events'] as RefObject<HTMLElement>}
      />
      <ReplicaList
        {...host('replica-list')}
        deploymentId={id}
        ref={refs['replica-list'] as RefObject<HTMLElement>}
      />
      <DeploymentMetrics
        {...host('deployment-metrics')}
        deploymentId={id}
        ref={refs['deployment-metrics'] as RefObject<HTMLElement>}
      />
      <DeploymentCost
        {...host('deployment-cost')}
        deploymentId={id}
        ref={refs['deployment-cost'] as RefObject<HTMLElement>}
      />
      <ModelDetails
        {...host('model-details')}
        modelId="TW9kZWw6MQ"
        ref={refs['model-details'] as RefObject<HTMLElement>}
      />
      <AuditLog {...host('audit-log')} ref={refs['audit-log'] as RefObject<HTMLElement>} />
      <UserAdmin {...host('user-admin')} ref={refs['user-admin'] as RefObject<HTMLElement>} />
      <ConnectionManager
        {...host('connection-manager')}
        ref={refs['connection-manager'] as RefObject<HTMLElement>}
      />
      <Playground
        {...host('playground')}
        deploymentId={id}
        ref={refs['playground'] as RefObject<HTMLElement>}
      />
    </div>
  );
}

const meta = {
  title: 'Setup/Conventions',
  component: AllComponents,
  decorators: [
    withMocks(
      [
        ModelTableDocument,
        DeploymentsTableDocument,
        DeploymentHistoryDocument,
        DeploymentApiKeysDocument,
        DeploymentEndpointDocument,
        DeploymentSettingsDocument,
        DeploymentEventsDocument,
        DeploymentReplicasDocument,
        DeploymentMetricsDocument,
        DeploymentCostDocument,
        ModelDetailsDocument,
        AuditLogDocument,
        UserAdminDocument,
        ConnectionsDocument,
        PlaygroundDeploymentDocument,
      ]
        .map((doc) => answer(doc, 'loading'))
        .concat(
          [
            ModelTableUpdatesDocument,
            ModelTableDeploymentUpdatesDocument,
            DeploymentRowUpdatesDocument,
            DeploymentListChangesDocument,
            DeploymentHistoryUpdatesDocument,
            DeploymentEventStreamDocument,
            DeploymentReplicaUpdatesDocument,
            ApiKeyUsageChangedDocument,
          ].map(quietSubscription),
        ),
    ),
  ],
} satisfies Meta<typeof AllComponents>;
export default meta;

export const PassthroughAndRefs: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    for (const [name, ref] of Object.entries(refs)) {
      const element = canvas.getByTestId(name);
      await expect(element).toHaveClass('hangar-root', 'host-class');
      await expect(element).toHaveStyle({ maxWidth: '900px' });
      await expect(element).toHaveAttribute('id', `host-${name}`);
      await expect(element).toHaveAttribute('data-state', 'loading');
      await expect(ref.current).toBe(element);
    }
  },
};
