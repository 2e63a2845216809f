import { META_DEPLOYMENT_ID } from './nomad-job.common.js';
import {
  NomadHttpError,
  expectOk,
  type NomadAllocationStub,
  type NomadApi,
  type NomadJobRecord,
} from './nomad.client.js';

export const TERMINAL_CLIENT_STATUS = new Set(['complete', 'failed', 'lost']);
const ACTIVE_DEPLOYMENT_STATUS = new Set([
  'running',
  'pending',
  'paused',
  'initializing',
  'blocked',
  'unblocking',
]);

/** Reads of job state the runtime needs, over the generated client (404 means "not there", not an error). */
export class NomadJobQueries {
  constructor(private readonly api: NomadApi) {}

  async readAllocations(jobId: string): Promise<NomadAllocationStub[]> {
    const response = await this.api.GET('/job/{jobName}/allocations', {
      params: { path: { jobName: jobId } },
    });
    if (response.response.status === 404) return [];
    if (!response.response.ok) {
      throw new NomadHttpError(
        `allocations of ${jobId}`,
        response.response.status,
        JSON.stringify(response.error),
      );
    }
    return response.data ?? [];
  }

  async readJob(jobId: string): Promise<NomadJobRecord | undefined> {
    const response = await this.api.GET('/job/{jobName}', { params: { path: { jobName: jobId } } });
    if (response.response.status === 404) return undefined;
    if (!response.response.ok) {
      throw new NomadHttpError(`read ${jobId}`, response.response.status, JSON.stringify(response.error));
    }
    return response.data;
  }

  /** Jobs carrying meta.hangar_deployment_id, grouped by deployment. */
  async listOwnedJobs(): Promise<Map<string, NomadJobRecord[]>> {
    const { data } = await expectOk(
      'list jobs',
      this.api.GET('/jobs', { params: { query: { prefix: 'hangar-' } } }),
    );
    const owned = new Map<string, NomadJobRecord[]>();
    for (const stub of data ?? []) {
      // The spec's list stub has no Meta (newer Nomad adds ?meta=true), so read each job.
      const job = await this.readJob(stub.ID!);
      const deploymentId = job?.Meta?.[META_DEPLOYMENT_ID];
      if (!job || !deploymentId) continue;
      owned.set(deploymentId, [...(owned.get(deploymentId) ?? []), job]);
    }
    return owned;
  }

  /** Waits (blocking queries) until the job's latest deployment is no longer rolling out. */
  async waitForDeploymentToSettle(jobId: string, deadline: number): Promise<void> {
    let index = 0;
    while (Date.now() < deadline) {
      const response = await this.api.GET('/job/{jobName}/deployment', {
        params: { path: { jobName: jobId }, query: { wait: '30s' }, header: { index } },
      });
      if (!response.data || !ACTIVE_DEPLOYMENT_STATUS.has(response.data.Status ?? '')) return;
      index = Number(response.response.headers.get('X-Nomad-Index') ?? index);
    }
  }

  /** Resolves true once every allocation of the job is terminal, false after `timeoutMs`. */
  async waitForAllocationsToStop(jobId: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let index = 0;
    while (Date.now() < deadline) {
      const response = await this.api.GET('/job/{jobName}/allocations', {
        params: { path: { jobName: jobId }, query: { wait: '10s' }, header: { index } },
      });
      const allocs = response.data ?? [];
      if (allocs.every((alloc) => TERMINAL_CLIENT_STATUS.has(alloc.ClientStatus ?? ''))) return true;
      index = Number(response.response.headers.get('X-Nomad-Index') ?? index);
    }
    return false;
  }
}
