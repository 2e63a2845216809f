import { registerEnumType } from 'type-graphql';

/** Roles are ordered: each one can do everything the one before it can. */
export enum Role {
  VIEWER = 'VIEWER',
  DEPLOYER = 'DEPLOYER',
  ADMIN = 'ADMIN',
}

const RANK: Record<Role, number> = { VIEWER: 0, DEPLOYER: 1, ADMIN: 2 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** The highest of several roles (a JWT may carry a list). */
export function highestRole(roles: Role[]): Role | null {
  return roles.reduce<Role | null>((best, r) => (best === null || RANK[r] > RANK[best] ? r : best), null);
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do. Roles are ordered: VIEWER < DEPLOYER < ADMIN.',
  valuesConfig: {
    VIEWER: { description: 'Reads models, deployments and history.' },
    DEPLOYER: { description: 'Also deploys, redeploys, undeploys, imports models and manages API keys.' },
    ADMIN: { description: 'Also manages users, deletes models and reads the audit log.' },
  },
});
