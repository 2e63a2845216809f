import type { UserErrorCode } from '../../graphql/user-error.js';
import { DeploymentStatus } from './deployment.enums.js';

const { READY_TO_DEPLOY, OPTIMIZING, DEPLOYING, DEPLOYED, FAILED, UNDEPLOYED } = DeploymentStatus;

/** What users ask of an existing deployment (deployModel creates one: see `statusOfNewDeployment`). */
export const DEPLOYMENT_COMMANDS = [
  'redeploy',
  'rollback',
  'retrigger',
  'undeploy',
  'delete',
  'update',
  'startCanary',
  'setCanaryWeight',
  'promoteCanary',
  'rollbackCanary',
] as const;
export type DeploymentCommand = (typeof DEPLOYMENT_COMMANDS)[number];

/**
 * What happens to a deployment without a user asking: the runtime's reports about its current version
 * (`progress`, `replicas`, `optimizing`, `ready`, `failed`, the last also for a refused start or download), a
 * Hugging Face download that finished (`downloaded`), the server finding it not running after a restart
 * (`resumed`), and scale to zero: its idle time passed without a request (`idled`: every replica stops) or a
 * request arrived while it had none (`woken`: one replica starts).
 */
export const LIFECYCLE_SIGNALS = [
  'progress',
  'replicas',
  'optimizing',
  'ready',
  'failed',
  'downloaded',
  'resumed',
  'idled',
  'woken',
] as const;
export type LifecycleSignal = (typeof LIFECYCLE_SIGNALS)[number];

export type LifecycleEvent = DeploymentCommand | LifecycleSignal;

/** Where `delete` leads: the deployment, its versions and its events are gone. */
export const DELETED = 'DELETED';

type Target<E extends LifecycleEvent> = E extends 'delete' ? typeof DELETED : DeploymentStatus;

/** Kept a plain string so this module loads without GraphQL's decorated classes (the state machine's test). */
type RefusalCode = `${UserErrorCode.INVALID_STATE}`;
const INVALID_STATE: RefusalCode = 'INVALID_STATE';

export type Transition<To = DeploymentStatus | typeof DELETED> =
  { allowed: true; to: To } | { allowed: false; code: RefusalCode; message: string };

interface Row<To> {
  /** Completes "A deployment that is FAILED …" when the event is refused. */
  refused: string;
  /** The statuses that allow the event, in the order the refusal lists them, and where each leads. */
  from: Partial<Record<DeploymentStatus, To>>;
}

function stays(...statuses: DeploymentStatus[]): Partial<Record<DeploymentStatus, DeploymentStatus>> {
  return Object.fromEntries(statuses.map((status) => [status, status]));
}

const EVERY_STATUS = Object.values(DeploymentStatus);

/**
 * The deployment state machine as data: for every event, the statuses that allow it and the status each one leads
 * to (a status that is not listed refuses it). No I/O here: the commands, the lifecycle and the reconciler ask
 * `transition()` before they change anything, and `deployment.transitions.test.ts` walks every cell.
 */
const TRANSITIONS: { [E in LifecycleEvent]: Row<Target<E>> } = {
  redeploy: {
    refused: 'cannot be redeployed',
    from: { DEPLOYED: DEPLOYING, DEPLOYING: DEPLOYING, FAILED: DEPLOYING, OPTIMIZING: DEPLOYING },
  },
  rollback: {
    refused: 'cannot be rolled back',
    from: { DEPLOYED: DEPLOYING, FAILED: DEPLOYING, UNDEPLOYED: DEPLOYING },
  },
  retrigger: {
    refused: 'cannot be re-triggered',
    from: { FAILED: DEPLOYING, UNDEPLOYED: DEPLOYING, READY_TO_DEPLOY: DEPLOYING },
  },
  undeploy: {
    refused: 'cannot be undeployed',
    from: { DEPLOYED: UNDEPLOYED, DEPLOYING: UNDEPLOYED, OPTIMIZING: UNDEPLOYED, FAILED: UNDEPLOYED },
  },
  delete: {
    // Replicas may still run in every other status: deleting would orphan them.
    refused: 'cannot be deleted (undeploy it first)',
    from: { UNDEPLOYED: DELETED, READY_TO_DEPLOY: DELETED },
  },
  update: { refused: 'cannot be edited', from: stays(...EVERY_STATUS) },
  // A traffic split needs a live version to split with; it never changes the deployment's status.
  startCanary: { refused: 'cannot start a canary', from: { DEPLOYED: DEPLOYED } },
  setCanaryWeight: { refused: 'cannot change its traffic split', from: { DEPLOYED: DEPLOYED } },
  promoteCanary: { refused: 'cannot promote its canary', from: { DEPLOYED: DEPLOYED } },
  rollbackCanary: { refused: 'cannot roll back its canary', from: stays(DEPLOYED, DEPLOYING, FAILED) },

  progress: { refused: 'does not log progress', from: stays(...EVERY_STATUS) },
  replicas: { refused: 'does not list replicas', from: stays(...EVERY_STATUS) },
  optimizing: { refused: 'does not start optimizing', from: { DEPLOYING: OPTIMIZING } },
  ready: {
    // A user's undeploy wins over replicas that report ready late.
    refused: 'does not go live',
    from: {
      READY_TO_DEPLOY: DEPLOYED,
      OPTIMIZING: DEPLOYED,
      DEPLOYING: DEPLOYED,
      DEPLOYED: DEPLOYED,
      FAILED: DEPLOYED,
    },
  },
  failed: {
    // The version still records its failure; an undeployed deployment keeps saying who stopped it.
    refused: 'does not fail',
    from: {
      READY_TO_DEPLOY: FAILED,
      OPTIMIZING: FAILED,
      DEPLOYING: FAILED,
      DEPLOYED: FAILED,
      FAILED: FAILED,
    },
  },
  downloaded: {
    refused: 'does not start after its download',
    from: stays(READY_TO_DEPLOY, OPTIMIZING, DEPLOYING, DEPLOYED, FAILED),
  },
  resumed: {
    // Nothing serves until the runtime reports ready again, so a DEPLOYED deployment says DEPLOYING meanwhile.
    refused: 'does not resume after a restart',
    from: { OPTIMIZING: OPTIMIZING, DEPLOYING: DEPLOYING, DEPLOYED: DEPLOYING },
  },
  // Scaled to zero is still DEPLOYED (the endpoint answers, after a cold start); `idle` says it has no replica.
  // Only a live deployment idles: one still starting, failed or undeployed has nothing to put to sleep.
  idled: { refused: 'does not scale to zero', from: { DEPLOYED: DEPLOYED } },
  woken: { refused: 'does not wake up', from: { DEPLOYED: DEPLOYED } },
};

/** Whether `event` is allowed in `status`, and the status it leads to; a refusal says which statuses allow it. */
export function transition<E extends LifecycleEvent>(
  status: DeploymentStatus,
  event: E,
): Transition<Target<E>> {
  const row: Row<Target<E>> = TRANSITIONS[event];
  const to = row.from[status];
  if (to !== undefined) return { allowed: true, to };
  return {
    allowed: false,
    code: INVALID_STATE,
    message: `A deployment that is ${status} ${row.refused}; allowed when ${Object.keys(row.from).join(', ')}.`,
  };
}

/**
 * A signal about a version other than the current one: a redeploy or rollback superseded it, so it may change
 * that version's record but never the deployment's status.
 */
export function signalTransition(
  status: DeploymentStatus,
  signal: LifecycleSignal,
  aboutCurrentVersion: boolean,
): Transition<DeploymentStatus> {
  if (aboutCurrentVersion || signal === 'progress' || signal === 'replicas')
    return transition(status, signal);
  return {
    allowed: false,
    code: INVALID_STATE,
    message: `A deployment ignores "${signal}" about a version it has superseded.`,
  };
}

/**
 * A user's command, knowing whether the runtime still runs replicas of the deployment ("serving" is what the
 * runtime says, not what the status says: a FAILED redeploy can leave the previous version serving). A serving
 * deployment can always be undeployed and never deleted, whatever its status; the rest follows the table.
 */
export function commandTransition<E extends DeploymentCommand>(
  status: DeploymentStatus,
  command: E,
  serving: boolean,
): Transition<Target<E>> {
  if (serving && command === 'undeploy') return { allowed: true, to: UNDEPLOYED as Target<E> };
  if (serving && command === 'delete') {
    return {
      allowed: false,
      code: INVALID_STATE,
      message: `A deployment whose replicas still run cannot be deleted (it is ${status}); undeploy it first.`,
    };
  }
  return transition(status, command);
}

/** deployModel: started at once, or saved to start later with retrigger. */
export function statusOfNewDeployment(startNow: boolean): DeploymentStatus {
  return startNow ? DEPLOYING : READY_TO_DEPLOY;
}
