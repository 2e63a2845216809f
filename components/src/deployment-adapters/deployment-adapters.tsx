import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type ComponentPropsWithRef } from 'react';
import {
  AttachAdapterDocument,
  DeploymentAdaptersDocument,
  DetachAdapterDocument,
  type AdapterRowFragment,
} from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { LoadError } from '../shared/load-error.js';
import '../styles/theme.css';
import './deployment-adapters.css';

export type { AdapterRowFragment as DeploymentAdapterRow } from '../gql/graphql.js';

/** CSS variables DeploymentAdapters reads beyond the theme's. */
export type DeploymentAdaptersCssVariables = '--hangar-adapters-attach-gap';

export type DeploymentAdaptersProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID (or dpl-… deployment ID) of the deployment whose adapters to show. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Show the attach form and Detach buttons (needs role DEPLOYER on the server). @default true */
  editable?: boolean;
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

/**
 * The LoRA adapters attached to one deployment: each is served by the same base model, selected by its name
 * in the OpenAI `model` field. Attaching and detaching apply to the running replicas without restarting them.
 */
export function DeploymentAdapters({
  deploymentId,
  client: clientProp,
  editable = true,
  className,
  ...rest
}: DeploymentAdaptersProps) {
  const client = useHangarClient('DeploymentAdapters', clientProp);
  const headingId = useId();
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(DeploymentAdaptersDocument, {
    client,
    variables: { id: deploymentId },
    fetchPolicy: 'cache-and-network',
  });
  const [attach, attaching] = useMutation(AttachAdapterDocument, { client });
  const [detach, detaching] = useMutation(DetachAdapterDocument, { client });

  const deployment = data?.deployment;
  const attached: AdapterRowFragment[] = deployment?.adapters ?? [];
  const attachable = (data?.models.nodes ?? []).filter((m) => !attached.some((a) => a.id === m.id));
  const selected = attachable.some((m) => m.id === chosen) ? chosen : (attachable[0]?.id ?? '');
  const busy = attaching.loading || detaching.loading;
  const code = graphQLErrorCode(error);
  const state =
    code === 'NOT_FOUND'
      ? 'not-found'
      : error
        ? 'error'
        : loading && !data
          ? 'loading'
          : attached.length === 0
            ? 'empty'
            : 'ready';

  async function onAttach() {
    const adapter = attachable.find((m) => m.id === selected);
    if (!adapter) return;
    setProblem(null);
    setNotice(null);
    try {
      const result = await attach({ variables: { input: { deploymentId, adapterModelId: adapter.id } } });
      const refusal = result.data?.attachAdapter.userErrors[0];
      if (refusal) setProblem(refusal.message);
      else setNotice(`${adapter.name} attached: requests with model “${adapter.name}” now use it.`);
    } catch (e) {
      setProblem(`The adapter could not be attached: ${(e as Error).message}`);
    }
  }

  async function onDetach(adapter: AdapterRowFragment) {
    setProblem(null);
    setNotice(null);
    try {
      const result = await detach({ variables: { input: { deploymentId, adapterModelId: adapter.id } } });
      const refusal = result.data?.detachAdapter.userErrors[0];
      if (refusal) setProblem(refusal.message);
      else setNotice(`${adapter.name} detached.`);
    } catch (e) {
      setProblem(`The adapter could not be detached: ${(e as Error).message}`);
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      {...rest}
      className={classNames('hangar-root hangar-adapters', className)}
      data-state={state}
    >
      <h2 id={headingId} className="hangar-adapters__heading">
        Adapters{deployment ? ` · ${deployment.name}` : ''}
      </h2>
      {deployment ? (
        <p className="hangar-muted">
          Base model {deployment.model.name}. Select an adapter with its name as the <code>model</code> of a
          request; the base model answers its own name or none.
        </p>
      ) : null}
      {state === 'not-found' ? (
        <p role="alert" className="hangar-error">
          Deployment not found: no deployment has the ID “{deploymentId}”.
        </p>
      ) : error ? (
        <LoadError what="the adapters" error={error} onRetry={() => refetch()} />
      ) : null}
      <div className="hangar-table-scroll">
        <table className="hangar-table" aria-label="Attached adapters" aria-busy={state === 'loading'}>
          <thead>
            <tr>
              <th scope="col">Adapter (model name)</th>
              <th scope="col">Size</th>
              {editable ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {state === 'loading' ? (
              <tr>
                <td colSpan={editable ? 3 : 2} className="hangar-table__empty">
                  Loading adapters…
                </td>
              </tr>
            ) : null}
            {state === 'empty' ? (
              <tr>
                <td colSpan={editable ? 3 : 2} className="hangar-table__empty">
                  No adapters are attached; every request is served by the base model.
                </td>
              </tr>
            ) : null}
            {attached.map((adapter) => (
              <tr key={adapter.id}>
                <th scope="row">
                  <code>{adapter.name}</code>
                </th>
                <td>{kb(adapter.sizeBytes)}</td>
                {editable ? (
                  <td>
                    <button
                      type="button"
                      className="hangar-button"
                      disabled={busy}
                      aria-label={`Detach ${adapter.name}`}
                      onClick={() => void onDetach(adapter)}
                    >
                      Detach
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable && deployment ? (
        <div className="hangar-adapters__attach">
          {attachable.length > 0 ? (
            <>
              <label htmlFor={selectId}>Adapter to attach</label>
              <select
                id={selectId}
                className="hangar-input"
                value={selected}
                onChange={(e) => setChosen(e.target.value)}
              >
                {attachable.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="hangar-button"
                data-variant="primary"
                disabled={busy || !selected}
                onClick={() => void onAttach()}
              >
                {attaching.loading ? 'Attaching…' : 'Attach'}
              </button>
            </>
          ) : (
            <p className="hangar-muted">No other imported adapter is ready to attach.</p>
          )}
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="hangar-error">
          {problem}
        </p>
      ) : null}
      <p role="status" className="hangar-muted">
        {notice ?? ''}
      </p>
    </section>
  );
}
