import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  useEffect,
  useId,
  useState,
  type ComponentPropsWithRef,
  type FormEvent,
  type ReactNode,
} from 'react';
import {
  ProjectSettingsDocument,
  ProjectSettingsRemoveMemberDocument,
  ProjectSettingsSetMemberDocument,
  ProjectSettingsSetQuotasDocument,
  type Role,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { Field } from '../shared/field.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { LoadError } from '../shared/load-error.js';
import { userErrorsByField } from '../shared/user-errors.js';
import { ROLES } from '../user-admin/user-roles.js';
import '../styles/theme.css';
import './project-settings.css';

/** CSS variables ProjectSettings reads beyond the theme's. */
export type ProjectSettingsCssVariables = '--hangar-project-meter-height' | '--hangar-project-meter-fill';

export type ProjectSettingsProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the project. */
  projectId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** The budgets section's content; without it the section says budgets are not set up here. @default undefined */
  budgets?: ReactNode;
  /** Called after an instance admin saved the quotas. @default undefined */
  onQuotasSaved?: () => void;
  /** Called after a member's role changed or a member was removed. @default undefined */
  onMembersChanged?: () => void;
};

/** "2 of 4", "1 of unlimited": a usage against its quota, and how full it is (for the meter). */
function usageOf(used: number, limit: number | null): { text: string; level: 'ok' | 'near' | 'full' } {
  if (limit === null) return { text: `${used} of unlimited`, level: 'ok' };
  const level = used >= limit ? 'full' : used >= limit * 0.8 ? 'near' : 'ok';
  return { text: `${used} of ${limit}`, level };
}

function Meter({ label, used, limit }: { label: string; used: number; limit: number | null }) {
  const { text, level } = usageOf(used, limit);
  return (
    <div className="hangar-project__meter" data-level={level}>
      <span>{label}</span>
      <meter
        min={0}
        max={limit ?? Math.max(used, 1)}
        value={limit === null ? 0 : used}
        aria-label={`${label}: ${text}`}
      />
      <span className="hangar-project__meter-text">{text}</span>
    </div>
  );
}

/** A quota input's text: empty is unlimited. */
const quotaText = (value: number | null) => (value === null ? '' : String(value));

/**
 * A project's settings: its members and their roles (its admins change them), its quotas with the usage they are
 * counted against (an instance admin sets them), and its budgets.
 */
export function ProjectSettings({
  projectId,
  client: clientProp,
  budgets,
  onQuotasSaved,
  onMembersChanged,
  className,
  ...rest
}: ProjectSettingsProps) {
  const client = useHangarClient('ProjectSettings', clientProp);
  const headingId = useId();
  const { data, loading, error } = useQuery(ProjectSettingsDocument, {
    client,
    variables: { id: projectId },
  });
  const [setQuotas, savingQuotas] = useMutation(ProjectSettingsSetQuotasDocument, { client });
  const [setMember] = useMutation(ProjectSettingsSetMemberDocument, { client });
  const [removeMember] = useMutation(ProjectSettingsRemoveMemberDocument, { client });
  const [maxReplicas, setMaxReplicas] = useState('');
  const [maxDeployments, setMaxDeployments] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [memberError, setMemberError] = useState<string | null>(null);
  const project = data?.project;

  useEffect(() => {
    if (!project) return;
    setMaxReplicas(quotaText(project.quotas.maxReplicas));
    setMaxDeployments(quotaText(project.quotas.maxDeployments));
  }, [project]);

  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND' || (!loading && !error && data && !project)
      ? 'not-found'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : savingQuotas.loading
            ? 'saving'
            : 'ready';
  const instanceAdmin = data?.viewer.role === 'ADMIN';
  const manageMembers = instanceAdmin || project?.viewerRole === 'ADMIN';

  async function saveQuotas(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const parse = (text: string) => (text.trim() === '' ? null : Number(text));
    const found: Record<string, string> = {};
    for (const [field, text] of [
      ['maxReplicas', maxReplicas],
      ['maxDeployments', maxDeployments],
    ] as const) {
      const value = parse(text);
      if (value !== null && (!Number.isInteger(value) || value < 0))
        found[field] = 'A whole number from 0, or empty for unlimited.';
    }
    setErrors(found);
    if (Object.keys(found).length || !project) return;
    try {
      const result = await setQuotas({
        variables: {
          input: {
            projectId,
            maxReplicas: parse(maxReplicas),
            maxDeployments: parse(maxDeployments),
            // GPU quotas are kept as they are: this form edits replicas and deployments.
            maxGpus: project.quotas.maxGpus.map(({ hardwareProfileId, maxGpus }) => ({
              hardwareProfileId,
              maxGpus,
            })),
          },
        },
      });
      const payload = result.data?.setProjectQuotas;
      if (payload?.userErrors.length) return setErrors(userErrorsByField(payload.userErrors));
      setSaved(true);
      onQuotasSaved?.();
    } catch (e) {
      setErrors({ '': (e as Error).message });
    }
  }

  async function changeRole(userId: string, role: Role) {
    setMemberError(null);
    try {
      const result = await setMember({ variables: { input: { projectId, userId, role } } });
      const problem = result.data?.setProjectMember.userErrors[0];
      if (problem) return setMemberError(problem.message);
      onMembersChanged?.();
    } catch (e) {
      setMemberError((e as Error).message);
    }
  }

  async function remove(userId: string) {
    setMemberError(null);
    try {
      const result = await removeMember({ variables: { input: { projectId, userId } } });
      const problem = result.data?.removeProjectMember.userErrors[0];
      if (problem) return setMemberError(problem.message);
      onMembersChanged?.();
    } catch (e) {
      setMemberError((e as Error).message);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-project', className)}
      data-state={state}
    >
      <h2 id={headingId}>{project ? `Project ${project.name}` : 'Project settings'}</h2>
      {state === 'loading' ? <p className="hangar-muted">Loading the project…</p> : null}
      {state === 'not-found' ? <p className="hangar-muted">This project does not exist.</p> : null}
      {state === 'error' && error ? <LoadError what="the project" error={error} /> : null}
      {project ? (
        <>
          <p className="hangar-muted">
            Slug <code>{project.slug}</code>
            {project.viewerRole ? ` · your role: ${project.viewerRole}` : null}
          </p>

          <div className="hangar-project__section" data-section="members">
            <h3>Members</h3>
            {project.members.length === 0 ? (
              <p className="hangar-muted">No members yet.</p>
            ) : (
              <table className="hangar-project__members">
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Role</th>
                    {manageMembers ? <th scope="col">Actions</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {project.members.map((member) => (
                    <tr key={member.user.id}>
                      <td>{member.user.name}</td>
                      <td>
                        {manageMembers ? (
                          <select
                            aria-label={`Role of ${member.user.name}`}
                            value={member.role}
                            onChange={(e) => void changeRole(member.user.id, e.target.value as Role)}
                          >
                            {ROLES.map((r) => (
                              <option key={r.value} value={r.value}>
                                {r.label}
                              </option>
                            ))}
                          </select>
                        ) : (
                          (ROLES.find((r) => r.value === member.role)?.label ?? member.role)
                        )}
                      </td>
                      {manageMembers ? (
                        <td>
                          <button type="button" onClick={() => void remove(member.user.id)}>
                            Remove {member.user.name}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {memberError ? (
              <p role="alert" className="hangar-error">
                {memberError}
              </p>
            ) : null}
          </div>

          <div className="hangar-project__section" data-section="quotas">
            <h3>Quotas and usage</h3>
            <p className="hangar-muted">
              A deployment holds its maximum replicas (and that many times its hardware&apos;s GPUs) while it
              is optimizing, deploying or deployed.
            </p>
            <Meter label="Replicas" used={project.quotaUsage.replicas} limit={project.quotas.maxReplicas} />
            <Meter
              label="Concurrent deployments"
              used={project.quotaUsage.deployments}
              limit={project.quotas.maxDeployments}
            />
            {project.quotas.maxGpus.map((quota) => (
              <Meter
                key={quota.hardwareProfileId}
                label={`GPUs of ${quota.hardwareProfileId}`}
                used={
                  project.quotaUsage.gpus.find((g) => g.hardwareProfileId === quota.hardwareProfileId)
                    ?.gpus ?? 0
                }
                limit={quota.maxGpus}
              />
            ))}
            {instanceAdmin ? (
              <form
                onSubmit={(event) => void saveQuotas(event)}
                noValidate
                className="hangar-project__quotas"
              >
                <Field
                  label="Max replicas"
                  hint="Empty: unlimited."
                  error={errors.maxReplicas}
                  name="maxReplicas"
                >
                  {(control) => (
                    <input
                      {...control}
                      className="hangar-input"
                      inputMode="numeric"
                      value={maxReplicas}
                      onChange={(e) => setMaxReplicas(e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  label="Max concurrent deployments"
                  hint="Empty: unlimited."
                  error={errors.maxDeployments}
                  name="maxDeployments"
                >
                  {(control) => (
                    <input
                      {...control}
                      className="hangar-input"
                      inputMode="numeric"
                      value={maxDeployments}
                      onChange={(e) => setMaxDeployments(e.target.value)}
                    />
                  )}
                </Field>
                {errors[''] ? (
                  <p role="alert" className="hangar-error">
                    {errors['']}
                  </p>
                ) : null}
                <div className="hangar-project__actions">
                  {saved ? <span role="status">Quotas saved.</span> : null}
                  <button
                    type="submit"
                    className="hangar-button"
                    data-variant="primary"
                    disabled={savingQuotas.loading}
                  >
                    {savingQuotas.loading ? 'Saving…' : 'Save quotas'}
                  </button>
                </div>
              </form>
            ) : (
              <p className="hangar-muted">Only an instance admin changes quotas.</p>
            )}
          </div>

          <div
            className="hangar-project__section"
            data-section="budgets"
            data-budgets={budgets ? 'shown' : 'unavailable'}
          >
            <h3>Budgets</h3>
            {budgets ?? <p className="hangar-muted">Token budgets are not set up on this server.</p>}
          </div>
        </>
      ) : null}
    </section>
  );
}
