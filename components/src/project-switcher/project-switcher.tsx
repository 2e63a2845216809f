import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, type ChangeEvent, type ComponentPropsWithRef } from 'react';
import { ProjectsDocument, type ProjectOptionFragment } from '../gql/graphql.js';
import { PROJECT_HEADER } from '../provider/hangar-provider.js';
import { useHangarSettings } from '../provider/hangar-settings.context.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { LoadError } from '../shared/load-error.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import '../styles/theme.css';
import './project-switcher.css';

export type { ProjectOptionFragment as ProjectOption } from '../gql/graphql.js';

/** CSS variables ProjectSwitcher reads beyond the theme's. */
export type ProjectSwitcherCssVariables = '--hangar-project-switcher-width';

export type ProjectSwitcherProps = Omit<
  ComponentPropsWithRef<'div'>,
  'children' | 'defaultValue' | 'onChange'
> & {
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** The chosen project's slug (controlled); pass it on as HangarProvider's `project`. @default undefined */
  value?: string;
  /** The project chosen at first (uncontrolled). @default the provider's `project`, else the first listed */
  defaultValue?: string;
  /** Called with the slug whenever the user picks another project. @default undefined */
  onValueChange?: (slug: string, project: ProjectOptionFragment) => void;
  /** The label above the list. @default "Project" */
  label?: string;
};

/**
 * The viewer's projects as a list to choose one from (by slug). It lists every project the viewer belongs to
 * even when the provider shows one: hosts put it next to the provider and hand the choice to its `project`.
 */
export function ProjectSwitcher({
  client: clientProp,
  value,
  defaultValue,
  onValueChange,
  label = 'Project',
  className,
  ...rest
}: ProjectSwitcherProps) {
  const client = useHangarClient('ProjectSwitcher', clientProp);
  const settings = useHangarSettings();
  const id = useId();
  // An empty header asks for the unnarrowed view: the switcher offers the other projects too.
  const { data, loading, error, refetch } = useQuery(ProjectsDocument, {
    client,
    context: { headers: { [PROJECT_HEADER]: '' } },
  });
  const projects: readonly ProjectOptionFragment[] = data?.projects ?? [];
  const fromProvider = projects.find((p) => p.slug === settings.project || p.id === settings.project)?.slug;
  const [chosen, setChosen] = useControllableState<string | undefined>(
    value,
    defaultValue ?? fromProvider,
    undefined,
  );
  const current = chosen ?? fromProvider ?? projects[0]?.slug ?? '';
  const state = error ? 'error' : loading && !data ? 'loading' : projects.length === 0 ? 'empty' : 'ready';

  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const project = projects.find((p) => p.slug === event.target.value);
    if (!project) return;
    setChosen(project.slug);
    onValueChange?.(project.slug, project);
  };

  return (
    <div {...rest} className={classNames('hangar-project-switcher', className)} data-state={state}>
      <label htmlFor={id} className="hangar-project-switcher__label">
        {label}
      </label>
      {error ? (
        <LoadError what="your projects" error={error} onRetry={refetch} />
      ) : (
        <select
          id={id}
          className="hangar-project-switcher__select"
          value={current}
          onChange={choose}
          disabled={state !== 'ready'}
          aria-busy={state === 'loading'}
        >
          {state === 'loading' ? <option value="">Loading…</option> : null}
          {state === 'empty' ? <option value="">You belong to no project</option> : null}
          {projects.map((project) => (
            <option key={project.id} value={project.slug} data-role={project.viewerRole?.toLowerCase()}>
              {project.name}
              {project.viewerRole ? ` (${project.viewerRole.toLowerCase()})` : ''}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
