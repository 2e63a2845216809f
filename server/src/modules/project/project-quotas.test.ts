import { describe, expect, it } from 'vitest';
import {
  firstQuotaExceeded,
  quotaValueProblem,
  replicaCap,
  UNLIMITED,
  type ProjectQuotaUsage,
} from './project-quotas.js';

const usage = (
  replicas: number,
  deployments: number,
  gpus: Record<string, number> = {},
): ProjectQuotaUsage => ({
  replicas,
  deployments,
  gpusByProfile: gpus,
});

describe('firstQuotaExceeded', () => {
  it('lets everything through when the project has no quotas', () => {
    const request = { replicas: 50, deployments: 9, gpus: { hardwareProfileId: 'a100', count: 8 } };
    expect(firstQuotaExceeded('acme', UNLIMITED, usage(100, 100), request)).toBeNull();
  });

  it('refuses the 3rd replica of a project limited to 2, naming the quota and the figures', () => {
    const limits = { ...UNLIMITED, maxReplicas: 2 };
    expect(
      firstQuotaExceeded('acme', limits, usage(2, 1), { replicas: 1, deployments: 1, gpus: null }),
    ).toEqual({
      quota: 'REPLICAS',
      message: 'Project acme allows at most 2 replicas; it runs 2 — this asks for 1 more.',
    });
    expect(
      firstQuotaExceeded('acme', limits, usage(1, 1), { replicas: 1, deployments: 1, gpus: null }),
    ).toBeNull();
  });

  it('never refuses a change that does not grow, even over a quota lowered below the usage', () => {
    const limits = { maxReplicas: 1, maxDeployments: 1, maxGpusByProfile: { a100: 1 } };
    const request = { replicas: 0, deployments: 0, gpus: { hardwareProfileId: 'a100', count: -2 } };
    expect(firstQuotaExceeded('acme', limits, usage(5, 3, { a100: 4 }), request)).toBeNull();
  });

  it('checks concurrent deployments after replicas', () => {
    const limits = { ...UNLIMITED, maxReplicas: 10, maxDeployments: 1 };
    const refused = firstQuotaExceeded('acme', limits, usage(1, 1), {
      replicas: 1,
      deployments: 1,
      gpus: null,
    });
    expect(refused).toEqual({
      quota: 'DEPLOYMENTS',
      message: 'Project acme allows at most 1 concurrent deployment; it runs 1 — this asks for 1 more.',
    });
  });

  it('counts GPUs per hardware profile; another profile is unlimited', () => {
    const limits = { ...UNLIMITED, maxGpusByProfile: { a100: 4 } };
    const held = usage(2, 1, { a100: 2 });
    expect(
      firstQuotaExceeded('acme', limits, held, {
        replicas: 1,
        deployments: 1,
        gpus: { hardwareProfileId: 'a100', count: 4 },
      })?.message,
    ).toBe('Project acme allows at most 4 GPUs of a100; it runs 2 — this asks for 4 more.');
    expect(
      firstQuotaExceeded('acme', limits, held, {
        replicas: 1,
        deployments: 1,
        gpus: { hardwareProfileId: 'h100', count: 64 },
      }),
    ).toBeNull();
  });
});

describe('replicaCap', () => {
  it('is the replica quota minus what the other deployments hold, never below zero', () => {
    expect(replicaCap({ ...UNLIMITED, maxReplicas: 5 }, usage(2, 1), null)).toBe(3);
    expect(replicaCap({ ...UNLIMITED, maxReplicas: 2 }, usage(4, 2), null)).toBe(0);
    expect(replicaCap(UNLIMITED, usage(4, 2), null)).toBeNull();
  });

  it('takes the GPU quota in whole replicas of the profile when it is the tighter one', () => {
    const limits = { ...UNLIMITED, maxReplicas: 10, maxGpusByProfile: { a100: 7 } };
    expect(replicaCap(limits, usage(1, 1, { a100: 1 }), { hardwareProfileId: 'a100', perReplica: 2 })).toBe(
      3,
    );
  });
});

describe('quotaValueProblem', () => {
  it('accepts null and whole numbers from 0, refuses negatives, fractions and absurd values', () => {
    expect(quotaValueProblem(null)).toBeNull();
    expect(quotaValueProblem(0)).toBeNull();
    expect(quotaValueProblem(3)).toBeNull();
    for (const bad of [-1, 1.5, 1_000_000]) expect(quotaValueProblem(bad)).toMatch(/whole number from 0/);
  });
});
