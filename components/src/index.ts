// The whole library from one import; each component also has its own entry (`@hangar/components/model-table`)
// for hosts that want only some of them.
export {
  HangarProvider,
  createHangarClient,
  PROJECT_HEADER,
  type HangarProviderProps,
  type HangarClientOptions,
} from './provider/hangar-provider.js';
export {
  ProjectSwitcher,
  type ProjectSwitcherProps,
  type ProjectOption,
  type ProjectSwitcherCssVariables,
} from './project-switcher/project-switcher.js';
export {
  ModelTable,
  type ModelTableProps,
  type ModelTableRow,
  type ModelTableCssVariables,
} from './model-table/model-table.js';
export {
  DeploymentsTable,
  type DeploymentsTableProps,
  type DeploymentsTableRow,
  type DeploymentsTableCssVariables,
} from './deployments-table/deployments-table.js';
export {
  HistoryTimeline,
  type HistoryTimelineProps,
  type HistoryVersion,
  type HistoryTimelineCssVariables,
} from './history-timeline/history-timeline.js';
export {
  DeploymentEvents,
  type DeploymentEventsProps,
  type DeploymentEventLine,
  type EventLevelFilter,
  type DeploymentEventsCssVariables,
} from './deployment-events/deployment-events.js';
export {
  ReplicaList,
  type ReplicaListProps,
  type ReplicaRow,
  type ReplicaListCssVariables,
} from './replica-list/replica-list.js';
export {
  DeploymentAdapters,
  type DeploymentAdaptersProps,
  type DeploymentAdapterRow,
  type DeploymentAdaptersCssVariables,
} from './deployment-adapters/deployment-adapters.js';
export {
  DeploymentMetrics,
  DEFAULT_METRICS_LABELS,
  METRICS_RANGES,
  type DeploymentMetricsProps,
  type DeploymentMetricsLabels,
  type DeploymentMetricsCssVariables,
  type MetricsRange,
  type MetricsPoint,
} from './deployment-metrics/deployment-metrics.js';
export {
  ModelDetails,
  type ModelDetailsProps,
  type ModelDetailsItem,
  type ModelDetailsCssVariables,
} from './model-details/model-details.js';
export {
  AuditLog,
  type AuditLogProps,
  type AuditEventRow,
  type AuditLogFilter,
  type AuditLogCssVariables,
} from './audit-log/audit-log.js';
export {
  UserAdmin,
  type UserAdminProps,
  type UserRow,
  type Role,
  type UserAdminCssVariables,
} from './user-admin/user-admin.js';
export {
  ConnectionManager,
  type ConnectionManagerProps,
  type ConnectionRow,
  type ConnectionManagerCssVariables,
} from './connection-manager/connection-manager.js';
export {
  DeployWizard,
  type DeployWizardProps,
  type DeployedDeployment,
  type WizardStep,
  type WizardSource,
  type DeployWizardCssVariables,
} from './deploy-wizard/deploy-wizard.js';
export {
  ApiKeyManager,
  type ApiKeyManagerProps,
  type ApiKeyRow,
  type ApiKeyManagerCssVariables,
} from './api-key-manager/api-key-manager.js';
export {
  ApiKeyBudgetMeter,
  budgetMeterState,
  type ApiKeyBudgetMeterProps,
  type BudgetMeterState,
} from './api-key-manager/api-key-budget-meter.js';
export { DeploymentCost, type DeploymentCostProps } from './deployment-cost/deployment-cost.js';
export {
  ProjectUsage,
  type ProjectUsageProps,
  type ProjectUsageState,
} from './project-usage/project-usage.js';
export {
  EndpointPanel,
  type EndpointPanelProps,
  type EndpointFormat,
  type EndpointPanelCssVariables,
} from './endpoint-panel/endpoint-panel.js';
export {
  DeploymentSettings,
  type DeploymentSettingsProps,
  type DeploymentSettingsCssVariables,
} from './deployment-settings/deployment-settings.js';
export {
  ImportModelDialog,
  checkImportFile,
  type ImportModelDialogProps,
  type ImportPhase,
  type ImportedModel,
  type FileUploader,
  type ImportModelDialogCssVariables,
} from './import-model-dialog/import-model-dialog.js';
export {
  Playground,
  type PlaygroundProps,
  type PlaygroundState,
  type ChatMessage,
  type PlaygroundCssVariables,
} from './playground/playground.js';
export {
  TrafficSplit,
  type TrafficSplitProps,
  type TrafficSplitInfo,
  type TrafficSplitCssVariables,
} from './traffic-split/traffic-split.js';
export {
  ProjectSettings,
  type ProjectSettingsProps,
  type ProjectSettingsCssVariables,
} from './project-settings/project-settings.js';
export type { HangarCssVariables } from './styles/theme-variables.js';
