import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202134038_Budgets } from './Migration20261202134038_Budgets.js';
import { Migration20261202134142_OidcSignIn } from './Migration20261202134142_OidcSignIn.js';
import { Migration20261202150000_ProjectQuotas } from './Migration20261202150000_ProjectQuotas.js';
import { Migration20261202015908_DeploymentAdapters } from './Migration20261202015908_DeploymentAdapters.js';
import { Migration20261202140000_Projects } from './Migration20261202140000_Projects.js';
import { Migration20261202151000_ProjectBudgets } from './Migration20261202151000_ProjectBudgets.js';
import { Migration20261202020001_TrafficSplit } from './Migration20261202020001_TrafficSplit.js';
import { Migration20261202013858_MetricRollups } from './Migration20261202013858_MetricRollups.js';
import { Migration20261201222945_ReadyNotifiedAt } from './Migration20261201222945_ReadyNotifiedAt.js';
import { Migration20261126231441_ModelImport } from './Migration20261126231441_ModelImport.js';
import { Migration20261126225854_Initial } from './Migration20261126225854_Initial.js';

/** Applied in order. New migrations: `npm run migration:create -w server -- <Name>` writes both dialects' files. */
export const POSTGRES_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126225854_Initial', class: Migration20261126225854_Initial },
  { name: 'Migration20261126231441_ModelImport', class: Migration20261126231441_ModelImport },
  { name: 'Migration20261201222945_ReadyNotifiedAt', class: Migration20261201222945_ReadyNotifiedAt },
  { name: 'Migration20261202013858_MetricRollups', class: Migration20261202013858_MetricRollups },
  { name: 'Migration20261202015908_DeploymentAdapters', class: Migration20261202015908_DeploymentAdapters },
  { name: 'Migration20261202020001_TrafficSplit', class: Migration20261202020001_TrafficSplit },
  { name: 'Migration20261202134038_Budgets', class: Migration20261202134038_Budgets },
  { name: 'Migration20261202134142_OidcSignIn', class: Migration20261202134142_OidcSignIn },
  { name: 'Migration20261202140000_Projects', class: Migration20261202140000_Projects },
  { name: 'Migration20261202150000_ProjectQuotas', class: Migration20261202150000_ProjectQuotas },
  { name: 'Migration20261202151000_ProjectBudgets', class: Migration20261202151000_ProjectBudgets },
];
