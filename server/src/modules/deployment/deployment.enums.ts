import { registerEnumType } from 'type-graphql';

export enum DeploymentStatus {
  READY_TO_DEPLOY = 'READY_TO_DEPLOY',
  OPTIMIZING = 'OPTIMIZING',
  DEPLOYING = 'DEPLOYING',
  DEPLOYED = 'DEPLOYED',
  FAILED = 'FAILED',
  UNDEPLOYED = 'UNDEPLOYED',
}

export enum VersionStatus {
  DEPLOYING = 'DEPLOYING',
  SUCCESS = 'SUCCESS',
  FAILED = 'FAILED',
}

export enum VersionTrigger {
  DEPLOY = 'DEPLOY',
  REDEPLOY = 'REDEPLOY',
  RETRIGGER = 'RETRIGGER',
  ROLLBACK = 'ROLLBACK',
  CANARY = 'CANARY',
}

export enum EventLevel {
  INFO = 'INFO',
  WARNING = 'WARNING',
  ERROR = 'ERROR',
}

/** Statuses in which a deployment holds (or is acquiring) resources. */
export const ACTIVE_STATUSES: readonly DeploymentStatus[] = [
  DeploymentStatus.OPTIMIZING,
  DeploymentStatus.DEPLOYING,
  DeploymentStatus.DEPLOYED,
];

registerEnumType(DeploymentStatus, {
  name: 'DeploymentStatus',
  description: 'Lifecycle of a deployment.',
  valuesConfig: {
    READY_TO_DEPLOY: {
      description: 'Configured and saved, not started yet (see `deployModel(input.startNow)`).',
    },
    OPTIMIZING: { description: 'An optimization (e.g. quantization) runs before serving.' },
    DEPLOYING: { description: 'Replicas are starting.' },
    DEPLOYED: { description: 'At least the minimum number of replicas serve requests.' },
    FAILED: { description: 'The deployment could not start or stopped serving; `failureReason` says why.' },
    UNDEPLOYED: { description: 'Stopped by a user or by the system; can be re-triggered or deleted.' },
  },
});
registerEnumType(VersionStatus, {
  name: 'VersionStatus',
  description: 'Outcome of one version of a deployment.',
  valuesConfig: {
    DEPLOYING: { description: 'Still starting.' },
    SUCCESS: { description: 'Reached DEPLOYED.' },
    FAILED: { description: 'Did not reach DEPLOYED; see `failureReason`.' },
  },
});
registerEnumType(VersionTrigger, {
  name: 'VersionTrigger',
  description: 'What created a version.',
  valuesConfig: {
    DEPLOY: { description: 'The first deploy.' },
    REDEPLOY: { description: 'A redeploy with new parameters, hardware or scaling.' },
    RETRIGGER: { description: 'A restart of a failed or stopped deployment with the same configuration.' },
    ROLLBACK: { description: 'A redeploy of an earlier version’s configuration.' },
    CANARY: { description: 'A canary started beside the current version with a share of the traffic.' },
  },
});
registerEnumType(EventLevel, {
  name: 'EventLevel',
  description: 'Severity of a deployment event line.',
  valuesConfig: {
    INFO: { description: 'Progress.' },
    WARNING: { description: 'Something went wrong but is being handled (e.g. a replica restart).' },
    ERROR: { description: 'A failure.' },
  },
});
