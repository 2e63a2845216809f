import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useMemo, type ComponentPropsWithRef } from 'react';
import { ApiKeyBudgetMeter } from '../api-key-manager/api-key-budget-meter.js';
import { ProjectUsageDocument, ProjectUsageViewerDocument } from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { formatAmount, formatCount, formatHours } from '../shared/format.js';
import { LoadError } from '../shared/load-error.js';
import { ProjectBudgetForm } from './project-budget-form.js';
// The budget meter's styles (its bar colours and their CSS variables) live with the API key manager's.
import '../api-key-manager/api-key-manager.css';
import '../styles/theme.css';

export type ProjectUsageProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the project whose budget, usage and cost to show. */
  projectId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Start of the range of usage and cost (ISO 8601). @default the first instant of this month (UTC) */
  from?: string;
  /** End of the range (ISO 8601, exclusive). @default now */
  to?: string;
  /** Refetch every this many milliseconds; 0 turns polling off. @default 30000 */
  pollInterval?: number;
  /** The clock the default range starts from; pass a fixed time in tests. @default () => Date.now() */
  now?: () => number;
};

/** `loading` before the first answer, `error` when it failed, `empty` for no such project, else `ready`. */
export type ProjectUsageState = 'loading' | 'error' | 'empty' | 'ready';

/**
 * A project's month at a glance: its token budget meter (every key of its deployments together), the requests
 * and tokens of its deployments and what they cost over a range (this month by default).
 */
export function ProjectUsage({
  projectId,
  client: clientProp,
  from: fromProp,
  to,
  pollInterval = 30_000,
  now = Date.now,
  className,
  ...rest
}: ProjectUsageProps) {
  const client = useHangarClient('ProjectUsage', clientProp);
  const from = useMemo(() => {
    if (fromProp) return fromProp;
    const at = new Date(now());
    return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)).toISOString();
  }, [fromProp, now]);
  const { data, loading, error, refetch } = useQuery(ProjectUsageDocument, {
    client,
    variables: { id: projectId, range: { from, to: to ?? null } },
    pollInterval,
  });
  // Only an instance ADMIN sets a project's budget: they see the form under the meter.
  const { data: viewerData } = useQuery(ProjectUsageViewerDocument, { client });
  const project = data?.project;
  const state: ProjectUsageState = error ? 'error' : project ? 'ready' : loading ? 'loading' : 'empty';
  const cost = project?.cost;
  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-project-usage', className)}
      data-state={state}
      aria-label={project ? `Usage of ${project.name}` : 'Project usage'}
      aria-busy={state === 'loading'}
    >
      {error ? <LoadError what="project usage" error={error} onRetry={refetch} /> : null}
      {state === 'loading' ? <p className="hangar-muted">Loading usage…</p> : null}
      {project ? (
        <>
          <ApiKeyBudgetMeter budget={project.budget} />
          {viewerData?.viewer.role === 'ADMIN' ? (
            <ProjectBudgetForm
              client={client}
              projectId={projectId}
              monthlyTokenBudget={project.budget.monthlyTokenBudget ?? null}
            />
          ) : null}
          <dl className="hangar-figures hangar-project-usage__figures">
            <dt>Requests</dt>
            <dd data-field="requests">{formatCount(project.usage.requests)}</dd>
            <dt>Errors</dt>
            <dd data-field="errors">{formatCount(project.usage.errors)}</dd>
            <dt>Prompt tokens</dt>
            <dd data-field="promptTokens">{formatCount(project.usage.promptTokens)}</dd>
            <dt>Completion tokens</dt>
            <dd data-field="completionTokens">{formatCount(project.usage.completionTokens)}</dd>
            <dt>Cost</dt>
            <dd data-field="amount">
              {cost && cost.amount !== null ? formatAmount(cost.amount, cost.currency) : 'No price'}
            </dd>
            <dt>Replica hours</dt>
            <dd data-field="replicaHours">{formatHours(project.cost.replicaHours)}</dd>
            <dt>GPU hours</dt>
            <dd data-field="gpuHours">{formatHours(project.cost.gpuHours)}</dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}
