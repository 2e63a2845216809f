// Data for the stories of DeploymentEvents, ReplicaList, ModelDetails, AuditLog, UserAdmin and
// ConnectionManager. Shapes follow schema/operations; times are fixed so screenshots are stable.
import { alice, bob } from './fixtures.js';

export const DEPLOYMENT_ID = 'RGVwbG95bWVudDox';

export function eventLine(
  n: number,
  level: 'INFO' | 'WARNING' | 'ERROR' = 'INFO',
  message = ['loading model', 'replica r1 starting', 'replica r1 ready', 'serving on :4101'][n % 4] ?? '',
) {
  return {
    __typename: 'DeploymentEvent',
    at: new Date(Date.UTC(2026, 10, 24, 10, 0, n)).toISOString(),
    level,
    message,
    version: 1 + Math.floor(n / 4),
  };
}

export function eventsOf(lines: unknown[]) {
  return { deployment: { __typename: 'Deployment', id: DEPLOYMENT_ID, name: 'Flan T5', events: lines } };
}

export const mixedEvents = [
  eventLine(0),
  eventLine(1),
  eventLine(2, 'WARNING', 'replica r1 slow to load: 42 s so far'),
  eventLine(3, 'ERROR', 'replica r2 exited with code 134 (out of memory)'),
  eventLine(4),
  eventLine(5),
];

export function replica(
  n: number,
  status: 'STARTING' | 'READY' | 'FAILED' | 'STOPPING',
  version = 3,
  restarts = 0,
) {
  return {
    __typename: 'Replica',
    id: `r${n}-7f3a${n}`,
    status,
    startedAt: new Date(Date.UTC(2026, 10, 24, 9, 0 + n * 7, 0)).toISOString(),
    version,
    restarts,
  };
}

/** The autoscaler's decision at 10:12 on the fixtures' day. */
export function scalingDecision(fromReplicas: number, toReplicas: number, error: string | null = null) {
  return {
    __typename: 'ScalingDecision',
    at: new Date(Date.UTC(2026, 10, 24, 10, 12, 0)).toISOString(),
    fromReplicas,
    toReplicas,
    reason: `load 9 exceeded capacity 4 for 30 s: scaling up from ${fromReplicas} to ${toReplicas} replicas`,
    error,
  };
}

export function replicasOf(
  replicas: unknown[],
  status = 'DEPLOYED',
  currentVersion = 3,
  {
    idle = false,
    scaleToZeroAfterSeconds = 0,
    lastScalingDecision = null,
  }: { idle?: boolean; scaleToZeroAfterSeconds?: number; lastScalingDecision?: unknown } = {},
) {
  return {
    deployment: {
      __typename: 'Deployment',
      id: DEPLOYMENT_ID,
      name: 'Flan T5',
      status,
      idle,
      currentVersion,
      configuration: {
        __typename: 'DeploymentConfiguration',
        scaling: { __typename: 'ScalingSettings', minReplicas: 1, maxReplicas: 3, scaleToZeroAfterSeconds },
      },
      replicas,
      lastScalingDecision,
    },
  };
}

/** 10:30 on the fixtures' day: uptimes read the same in every run. */
export const fixedNow = () => Date.UTC(2026, 10, 24, 10, 30, 0);

export function modelDetails(overrides: Record<string, unknown> = {}) {
  return {
    model: {
      __typename: 'Model',
      id: 'TW9kZWw6MQ',
      name: 'Flan T5',
      description: 'A general-purpose instruction model.',
      tags: ['summarize', 'en'],
      status: 'READY_TO_DEPLOY',
      statusDetail: null,
      source: 'FILE',
      kind: 'BASE',
      format: 'GGUF',
      sizeBytes: 241_349,
      huggingFaceRepoId: null,
      createdAt: '2026-11-20T09:30:00.000Z',
      createdBy: alice,
      activeDeploymentCount: 0,
      ...overrides,
    },
  };
}

const ACTIONS = ['deployModel', 'createApiKey', 'rollbackDeployment', 'updateUserRole', 'deleteModel'];
const TARGETS = ['Deployment', 'ApiKey', 'Deployment', 'User', 'Model'];

export function auditEvent(n: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'AuditEvent',
    id: `QXVkaXRFdmVudDo${n}`,
    at: new Date(Date.UTC(2026, 10, 24 - n, 12, 0, 0)).toISOString(),
    action: ACTIONS[n % ACTIONS.length],
    actorName: n % 2 ? bob.name : alice.name,
    targetType: TARGETS[n % TARGETS.length],
    targetId: `dpl-${(1000 + n).toString(36)}`,
    details: n % 3 === 0 ? null : { version: n, reason: 'e2e' },
    ...overrides,
  };
}

export function user(
  n: number,
  role: 'VIEWER' | 'DEPLOYER' | 'ADMIN',
  overrides: Record<string, unknown> = {},
) {
  return {
    __typename: 'User',
    id: `VXNlcjo${n}`,
    name: ['Alice Martin', 'Bob Chen', 'Chidi Okafor', 'Dana Levi'][n % 4] + (n >= 4 ? ` ${n}` : ''),
    email: n % 3 === 2 ? null : `user${n}@acme.example`,
    role,
    createdAt: '2026-11-20T09:30:00.000Z',
    ...overrides,
  };
}

export function usersOf(users: unknown[], viewerId = 'VXNlcjo0') {
  return { viewer: { __typename: 'User', id: viewerId }, users };
}

export function connection(n: number) {
  return {
    __typename: 'Connection',
    id: `Q29ubmVjdGlvbjo${n}`,
    name: ['acme-org', 'research', 'personal'][n % 3] + (n >= 3 ? `-${n}` : ''),
    tokenHint: `hf_…${(40960 + n * 977).toString(16).slice(-4)}`,
    createdAt: '2026-11-21T08:00:00.000Z',
  };
}
