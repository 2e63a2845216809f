// One build entry (and one package.json `exports` key) per component, so a host app that imports only
// ModelTable does not ship the wizard.
export const componentEntries: Record<string, string> = {
  index: 'src/index.ts',
  'hangar-provider': 'src/provider/hangar-provider.tsx',
  'model-table': 'src/model-table/model-table.tsx',
  'deployments-table': 'src/deployments-table/deployments-table.tsx',
  'history-timeline': 'src/history-timeline/history-timeline.tsx',
  'deploy-wizard': 'src/deploy-wizard/deploy-wizard.tsx',
  'api-key-manager': 'src/api-key-manager/api-key-manager.tsx',
  'endpoint-panel': 'src/endpoint-panel/endpoint-panel.tsx',
  'deployment-settings': 'src/deployment-settings/deployment-settings.tsx',
  'import-model-dialog': 'src/import-model-dialog/import-model-dialog.tsx',
  'deployment-events': 'src/deployment-events/deployment-events.tsx',
  'replica-list': 'src/replica-list/replica-list.tsx',
  'deployment-adapters': 'src/deployment-adapters/deployment-adapters.tsx',
  'deployment-metrics': 'src/deployment-metrics/deployment-metrics.tsx',
  'model-details': 'src/model-details/model-details.tsx',
  'audit-log': 'src/audit-log/audit-log.tsx',
  'user-admin': 'src/user-admin/user-admin.tsx',
  'connection-manager': 'src/connection-manager/connection-manager.tsx',
  playground: 'src/playground/playground.tsx',
  'traffic-split': 'src/traffic-split/traffic-split.tsx',
  'deployment-cost': 'src/deployment-cost/deployment-cost.tsx',
  'project-usage': 'src/project-usage/project-usage.tsx',
  'project-switcher': 'src/project-switcher/project-switcher.tsx',
  // The typed GraphQL documents, for host apps that refetch, mock or extend what the components query.
  documents: 'src/gql/graphql.ts',
};
