import type { Role } from '../gql/graphql.js';

/** The roles in their order (VIEWER < DEPLOYER < ADMIN), with what each adds, as the schema describes them. */
export const ROLES: Array<{ value: Role; label: string; hint: string }> = [
  { value: 'VIEWER', label: 'Viewer', hint: 'reads models, deployments and history' },
  { value: 'DEPLOYER', label: 'Deployer', hint: 'also deploys, imports models and manages API keys' },
  { value: 'ADMIN', label: 'Admin', hint: 'also manages users, deletes models and reads the audit log' },
];
