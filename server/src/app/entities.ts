import { ApiKey } from '../modules/api-key/api-key.entity.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { BudgetWarning } from '../modules/budget/budget-warning.entity.js';
import { Connection } from '../modules/connection/connection.entity.js';
import { DeploymentEvent } from '../modules/deployment/deployment-event.entity.js';
import { DeploymentVersion } from '../modules/deployment/deployment-version.entity.js';
import { Deployment } from '../modules/deployment/deployment.entity.js';
import { MetricLatencyBucket, MetricRollup } from '../modules/metrics/metric-rollup.entity.js';
import { Model } from '../modules/model/model.entity.js';
import { OidcLoginState } from '../modules/sso/oidc-login-state.entity.js';
import { ProjectQuota } from '../modules/project/project-quota.entity.js';
import { ProjectMember } from '../modules/project/project-member.entity.js';
import { Project } from '../modules/project/project.entity.js';
import { AccessToken } from '../modules/user/access-token.entity.js';
import { User } from '../modules/user/user.entity.js';

/** Every entity, listed explicitly: discovery by folder scanning would break under bundlers and tsx alike. */
export const ENTITIES = [
  User,
  AccessToken,
  Project,
  ProjectMember,
  ProjectQuota,
  AuditEvent,
  Model,
  Deployment,
  DeploymentVersion,
  DeploymentEvent,
  ApiKey,
  Connection,
  MetricRollup,
  MetricLatencyBucket,
  OidcLoginState,
  BudgetWarning,
];
