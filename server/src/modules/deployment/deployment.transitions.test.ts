import { describe, expect, it } from 'vitest';
import { ACTIVE_STATUSES, DeploymentStatus } from './deployment.enums.js';
import {
  DEPLOYMENT_COMMANDS,
  LIFECYCLE_SIGNALS,
  commandTransition,
  signalTransition,
  statusOfNewDeployment,
  transition,
  type LifecycleEvent,
  type LifecycleSignal,
} from './deployment.transitions.js';

/** Written out by hand from the lifecycle users know; `-` = refused. Not derived from the implementation. */
const EVENTS = [
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

const R2D = 'READY_TO_DEPLOY';
const OPT = 'OPTIMIZING';
const DING = 'DEPLOYING';
const DED = 'DEPLOYED';
const FAIL = 'FAILED';
const UND = 'UNDEPLOYED';
const DEL = 'DELETED';
const NO = '-';

// prettier-ignore
const EXPECTED: Record<DeploymentStatus, Record<(typeof EVENTS)[number], string>> = {
  //               redeploy rollback retrigger undeploy delete update canary weight promote canaryBack progress replicas optimizing ready failed downloaded resumed idled woken
  READY_TO_DEPLOY: row(NO, NO, DING, NO, DEL, R2D, NO, NO, NO, NO, R2D, R2D, NO, DED, FAIL, R2D, NO, NO, NO),
  OPTIMIZING:      row(DING, NO, NO, UND, NO, OPT, NO, NO, NO, NO, OPT, OPT, NO, DED, FAIL, OPT, OPT, NO, NO),
  DEPLOYING:       row(DING, NO, NO, UND, NO, DING, NO, NO, NO, DING, DING, DING, OPT, DED, FAIL, DING, DING, NO, NO),
  DEPLOYED:        row(DING, DING, NO, UND, NO, DED, DED, DED, DED, DED, DED, DED, NO, DED, FAIL, DED, DING, DED, DED),
  FAILED:          row(DING, DING, DING, UND, NO, FAIL, NO, NO, NO, FAIL, FAIL, FAIL, NO, DED, FAIL, FAIL, NO, NO, NO),
  UNDEPLOYED:      row(NO, DING, DING, NO, DEL, UND, NO, NO, NO, NO, UND, UND, NO, NO, NO, NO, NO, NO, NO),
};

function row(...cells: string[]): Record<(typeof EVENTS)[number], string> {
  return Object.fromEntries(EVENTS.map((event, i) => [event, cells[i]])) as Record<
    (typeof EVENTS)[number],
    string
  >;
}

/** The refusal users read today, word for word (the order of the allowed statuses included). */
const COMMAND_REFUSALS: Record<(typeof DEPLOYMENT_COMMANDS)[number], [string, string]> = {
  redeploy: ['cannot be redeployed', 'DEPLOYED, DEPLOYING, FAILED, OPTIMIZING'],
  rollback: ['cannot be rolled back', 'DEPLOYED, FAILED, UNDEPLOYED'],
  retrigger: ['cannot be re-triggered', 'FAILED, UNDEPLOYED, READY_TO_DEPLOY'],
  undeploy: ['cannot be undeployed', 'DEPLOYED, DEPLOYING, OPTIMIZING, FAILED'],
  delete: ['cannot be deleted (undeploy it first)', 'UNDEPLOYED, READY_TO_DEPLOY'],
  update: ['cannot be edited', ''],
  startCanary: ['cannot start a canary', 'DEPLOYED'],
  setCanaryWeight: ['cannot change its traffic split', 'DEPLOYED'],
  promoteCanary: ['cannot promote its canary', 'DEPLOYED'],
  rollbackCanary: ['cannot roll back its canary', 'DEPLOYED, DEPLOYING, FAILED'],
};

const STATUSES = Object.values(DeploymentStatus);

describe('the deployment state machine', () => {
  it('has a row for every status and a column for every event', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STATUSES].sort());
    expect([...DEPLOYMENT_COMMANDS, ...LIFECYCLE_SIGNALS].sort()).toEqual([...EVENTS].sort());
  });

  for (const status of STATUSES) {
    for (const event of EVENTS) {
      const expected = EXPECTED[status][event];
      it(`${status} × ${event} → ${expected === NO ? 'refused' : expected}`, () => {
        const outcome = transition(status, event as LifecycleEvent);
        if (expected === NO) {
          expect(outcome).toMatchObject({ allowed: false, code: 'INVALID_STATE' });
        } else {
          expect(outcome).toEqual({ allowed: true, to: expected });
        }
      });
    }
  }

  it('refuses a command with the message users read today', () => {
    for (const status of STATUSES) {
      for (const command of DEPLOYMENT_COMMANDS) {
        const outcome = transition(status, command);
        if (outcome.allowed) continue;
        const [refused, allowedWhen] = COMMAND_REFUSALS[command];
        expect(outcome.message).toBe(
          `A deployment that is ${status} ${refused}; allowed when ${allowedWhen}.`,
        );
      }
    }
  });

  it('undeploys a deployment whose replicas still run from every status, and never deletes it', () => {
    for (const status of STATUSES) {
      expect(commandTransition(status, 'undeploy', true)).toEqual({ allowed: true, to: UND });
      expect(commandTransition(status, 'delete', true)).toEqual({
        allowed: false,
        code: 'INVALID_STATE',
        message: `A deployment whose replicas still run cannot be deleted (it is ${status}); undeploy it first.`,
      });
    }
  });

  it('follows the table for every other command, and for every command when nothing runs', () => {
    for (const status of STATUSES) {
      for (const command of DEPLOYMENT_COMMANDS) {
        expect(commandTransition(status, command, false)).toEqual(transition(status, command));
        if (command !== 'undeploy' && command !== 'delete') {
          expect(commandTransition(status, command, true)).toEqual(transition(status, command));
        }
      }
    }
  });

  it('never moves a deployment on a signal about a version it has superseded', () => {
    const logsOnly: LifecycleSignal[] = ['progress', 'replicas'];
    for (const status of STATUSES) {
      for (const signal of LIFECYCLE_SIGNALS) {
        const outcome = signalTransition(status, signal, false);
        if (logsOnly.includes(signal)) expect(outcome).toEqual({ allowed: true, to: status });
        else expect(outcome).toMatchObject({ allowed: false, code: 'INVALID_STATE' });
      }
    }
  });

  it('applies a signal about the current version as the table says', () => {
    for (const status of STATUSES) {
      for (const signal of LIFECYCLE_SIGNALS) {
        expect(signalTransition(status, signal, true)).toEqual(transition(status, signal));
      }
    }
  });

  it('starts a new deployment DEPLOYING, or saves it READY_TO_DEPLOY', () => {
    expect(statusOfNewDeployment(true)).toBe(DeploymentStatus.DEPLOYING);
    expect(statusOfNewDeployment(false)).toBe(DeploymentStatus.READY_TO_DEPLOY);
  });

  it('resumes after a restart exactly the statuses the reconciler looks for', () => {
    const resumable = STATUSES.filter((status) => transition(status, 'resumed').allowed);
    expect(resumable.sort()).toEqual([...ACTIVE_STATUSES].sort());
  });
});
