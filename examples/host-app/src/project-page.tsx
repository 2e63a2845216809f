import { useQuery } from '@apollo/client/react';
import { ProjectSettings, ProjectSwitcher, ProjectUsage } from '@hangar/components';
import { ProjectsDocument } from '@hangar/components/documents';

/**
 * The project the console works in: the switcher (its choice goes to HangarProvider's `project`, so every other
 * page shows only that project), then its members, quotas, token budget, usage and cost.
 */
export function ProjectPage({
  project,
  onProjectChange,
}: {
  project: string | undefined;
  onProjectChange: (slug: string) => void;
}) {
  // The switcher's own list (it asks without narrowing): Apollo answers both from one request.
  const { data } = useQuery(ProjectsDocument, { context: { headers: { 'x-hangar-project': '' } } });
  const projects = data?.projects ?? [];
  const current = projects.find((p) => p.slug === project) ?? projects[0];
  return (
    <>
      <div className="acme-title">
        <h1>Project</h1>
        <ProjectSwitcher value={current?.slug} onValueChange={(slug) => onProjectChange(slug)} />
      </div>
      {current ? (
        <div className="acme-scroll">
          <ProjectSettings projectId={current.id} budgets={<ProjectUsage projectId={current.id} />} />
        </div>
      ) : null}
    </>
  );
}
