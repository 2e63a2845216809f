import { describe, expect, it } from 'vitest';
import { Role } from '../user/role.js';
import { instanceRoleOf, parseGroupGrants, projectRolesOf } from './oidc-grants.js';

describe('parseGroupGrants', () => {
  it('reads project grants and the instance grant', () => {
    expect(parseGroupGrants(['acme:DEPLOYER', '*:ADMIN', 'globex-2:viewer'])).toEqual({
      grants: [
        { scope: 'project', project: 'acme', role: Role.DEPLOYER },
        { scope: 'instance', role: Role.ADMIN },
        { scope: 'project', project: 'globex-2', role: Role.VIEWER },
      ],
      ignored: [],
    });
  });

  it('ignores groups that are not grants: plain names, unknown roles, bad slugs, empty parts', () => {
    const parsed = parseGroupGrants([
      'engineering',
      'acme:OWNER',
      'Acme:ADMIN',
      '-acme:ADMIN',
      'acme-:ADMIN',
      ':ADMIN',
      'acme:',
      'a:b:ADMIN',
      42,
    ]);
    expect(parsed.grants).toEqual([]);
    expect(parsed.ignored).toEqual([
      'engineering',
      'acme:OWNER',
      'Acme:ADMIN',
      '-acme:ADMIN',
      'acme-:ADMIN',
      ':ADMIN',
      'acme:',
      'a:b:ADMIN',
      '42',
    ]);
  });

  it('takes a single string, trims, drops duplicates, and grants nothing for a missing or odd claim', () => {
    expect(parseGroupGrants(' *:DEPLOYER ').grants).toEqual([{ scope: 'instance', role: Role.DEPLOYER }]);
    expect(parseGroupGrants(['acme:ADMIN', 'acme:admin']).grants).toHaveLength(1);
    expect(parseGroupGrants(undefined)).toEqual({ grants: [], ignored: [] });
    expect(parseGroupGrants({ acme: 'ADMIN' })).toEqual({ grants: [], ignored: [] });
  });
});

describe('instanceRoleOf', () => {
  it('is the highest instance grant, VIEWER without one, and ignores project grants', () => {
    expect(instanceRoleOf(parseGroupGrants(['*:VIEWER', '*:ADMIN', '*:DEPLOYER']).grants)).toBe(Role.ADMIN);
    expect(instanceRoleOf(parseGroupGrants(['acme:ADMIN']).grants)).toBe(Role.VIEWER);
    expect(instanceRoleOf([])).toBe(Role.VIEWER);
  });
});

describe('projectRolesOf', () => {
  it('keeps the highest role per project', () => {
    const roles = projectRolesOf(
      parseGroupGrants(['acme:VIEWER', 'acme:ADMIN', 'globex:DEPLOYER', '*:ADMIN']).grants,
    );
    expect([...roles]).toEqual([
      ['acme', Role.ADMIN],
      ['globex', Role.DEPLOYER],
    ]);
  });
});
