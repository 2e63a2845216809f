import type { AuthChecker, ContainerType } from 'type-graphql';
import type { ResolverClass } from '../graphql/schema.js';
import { ApiKeyResolver, DeploymentServingResolver } from '../modules/api-key/api-key.resolver.js';
import { BudgetResolver } from '../modules/budget/budget.resolver.js';
import { ProjectBudgetResolver } from '../modules/budget/project-budget.resolver.js';
import { CatalogResolver } from '../modules/catalog/catalog.resolver.js';
import { ConnectionResolver } from '../modules/connection/connection.resolver.js';
import { DeploymentAdapterResolver } from '../modules/deployment/deployment-adapter.resolver.js';
import { DeploymentResolver, DeploymentVersionResolver } from '../modules/deployment/deployment.resolver.js';
import { DeploymentCanaryResolver } from '../modules/deployment/deployment-canary.resolver.js';
import { DeploymentCostResolver } from '../modules/cost/cost.resolver.js';
import { ProjectCostResolver } from '../modules/cost/project-cost.resolver.js';
import { HardwareResolver } from '../modules/hardware/hardware.resolver.js';
import { ModelImportResolver } from '../modules/import/import.resolver.js';
import { ApiKeyUsageResolver, DeploymentMetricsResolver } from '../modules/metrics/metrics.resolver.js';
import { ModelResolver } from '../modules/model/model.resolver.js';
import { NodeResolver } from '../modules/node/node.resolver.js';
import {
  DeploymentProjectResolver,
  ModelProjectResolver,
  ProjectMemberResolver,
  ProjectResolver,
} from '../modules/project/project.resolver.js';
import { DeploymentScalingResolver } from '../modules/serving/scaling.resolver.js';
import type { HangarContext } from '../modules/request-context.js';
import { ProjectQuotaResolver } from '../modules/project/project-quota.resolver.js';
import { AccessTokenResolver } from '../modules/user/access-token.resolver.js';
import { UserResolver } from '../modules/user/user.resolver.js';
import type { Role } from '../modules/user/role.js';
import { requireRole } from '../modules/user/viewer.js';
import type { Services } from './services.js';

type ResolverFactory = (services: Services) => object;

/** Every resolver of the schema, each with how it is built from the services it needs. */
const RESOLVERS: [ResolverClass, ResolverFactory][] = [
  [NodeResolver, () => new NodeResolver()],
  [UserResolver, (s) => new UserResolver(s.users)],
  [AccessTokenResolver, (s) => new AccessTokenResolver(s.accessTokens)],
  [ProjectResolver, (s) => new ProjectResolver(s.projects)],
  [ProjectMemberResolver, () => new ProjectMemberResolver()],
  [DeploymentProjectResolver, () => new DeploymentProjectResolver()],
  [ModelProjectResolver, () => new ModelProjectResolver()],
  [ModelResolver, (s) => new ModelResolver(s.models)],
  [
    DeploymentResolver,
    (s) => new DeploymentResolver(s.deployments, s.hardwareProfiles, s.runtime, s.publicUrl),
  ],
  [DeploymentVersionResolver, () => new DeploymentVersionResolver()],
  [DeploymentAdapterResolver, (s) => new DeploymentAdapterResolver(s.deployments.adapters)],
  [DeploymentCanaryResolver, (s) => new DeploymentCanaryResolver(s.deployments)],
  [CatalogResolver, (s) => new CatalogResolver(s.runtime)],
  [HardwareResolver, (s) => new HardwareResolver(s.hardwareProfiles, s.runtime)],
  [ApiKeyResolver, (s) => new ApiKeyResolver(s.apiKeys)],
  [DeploymentServingResolver, (s) => new DeploymentServingResolver(s.apiKeys)],
  [DeploymentMetricsResolver, (s) => new DeploymentMetricsResolver(s.metrics)],
  [ApiKeyUsageResolver, (s) => new ApiKeyUsageResolver(s.metrics)],
  [BudgetResolver, (s) => new BudgetResolver(s.budgets)],
  [DeploymentCostResolver, (s) => new DeploymentCostResolver(s.cost)],
  [ProjectBudgetResolver, (s) => new ProjectBudgetResolver(s.projectBudgets)],
  [ProjectCostResolver, (s) => new ProjectCostResolver(s.cost)],
  [DeploymentScalingResolver, (s) => new DeploymentScalingResolver(s.scalingDecisions)],
  [ModelImportResolver, (s) => new ModelImportResolver(s.imports, s.modelExports)],
  [ConnectionResolver, (s) => new ConnectionResolver(s.connections)],
  [ProjectQuotaResolver, (s) => new ProjectQuotaResolver(s.projectQuotas)],
];

/** The resolver classes, in schema order (also what prints the SDL without starting anything). */
export const RESOLVER_CLASSES: readonly ResolverClass[] = RESOLVERS.map(([resolverClass]) => resolverClass);

/** type-graphql's container: each resolver is built once per app, with its services injected. */
export function resolverContainer(services: Services): ContainerType {
  const instances = new Map(RESOLVERS.map(([resolverClass, build]) => [resolverClass, build(services)]));
  return {
    get(someClass) {
      const instance = instances.get(someClass as ResolverClass);
      if (!instance)
        throw new Error(`${(someClass as { name: string }).name} is not wired in app/resolvers.ts.`);
      return instance;
    },
  };
}

/** `@Authorized(Role.X)`: the same check (and error) the services make with requireRole. */
export const roleAuthChecker: AuthChecker<HangarContext, string> = ({ context }, roles) => {
  for (const role of roles) requireRole(context.viewer, role as Role, 'This operation');
  return true;
};
