import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202134037_Budgets } from './Migration20261202134037_Budgets.js';
import { Migration20261202134141_OidcSignIn } from './Migration20261202134141_OidcSignIn.js';
import { Migration20261202150000_ProjectQuotas } from './Migration20261202150000_ProjectQuotas.js';
import { Migration20261202015907_DeploymentAdapters } from './Migration20261202015907_DeploymentAdapters.js';
import { Migration20261202140000_Projects } from './Migration20261202140000_Projects.js';
import { Migration20261202151000_ProjectBudgets } from './Migration20261202151000_ProjectBudgets.js';
import { Migration20261202020000_TrafficSplit } from './Migration20261202020000_TrafficSplit.js';
import { Migration20261202013856_MetricRollups } from './Migration20261202013856_MetricRollups.js';
import { Migration20261201222944_ReadyNotifiedAt } from './Migration20261201222944_ReadyNotifiedAt.js';
import { Migration20261126231441_ModelImport } from './Migration20261126231441_ModelImport.js';
import { Migration20261126225854_Initial } from './Migration20261126225854_Initial.js';

/** Applied in order. New migrations: `npm run migration:create -w server -- <Name>` writes both dialects' files. */
export const SQLITE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126225854_Initial', class: Migration20261126225854_Initial },
  { name: 'Migration20261126231441_ModelImport', class: Migration20261126231441_ModelImport },
  { name: 'Migration20261201222944_ReadyNotifiedAt', class: Migration20261201222944_ReadyNotifiedAt },
  { name: 'Migration20261202013856_MetricRollups', class: Migration20261202013856_MetricRollups },
  { name: 'Migration20261202015907_DeploymentAdapters', class: Migration20261202015907_DeploymentAdapters },
  { name: 'Migration20261202020000_TrafficSplit', class: Migration20261202020000_TrafficSplit },
  { name: 'Migration20261202134037_Budgets', class: Migration20261202134037_Budgets },
  { name: 'Migration20261202134141_OidcSignIn', class: Migration20261202134141_OidcSignIn },
  { name: 'Migration20261202140000_Projects', class: Migration20261202140000_Projects },
  { name: 'Migration20261202150000_ProjectQuotas', class: Migration20261202150000_ProjectQuotas },
  { name: 'Migration20261202151000_ProjectBudgets', class: Migration20261202151000_ProjectBudgets },
];
