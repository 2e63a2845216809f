import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, useRef, type ComponentPropsWithRef, type KeyboardEvent } from 'react';
import { DeploymentEndpointDocument } from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { CopyButton } from '../shared/copy-button.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import '../styles/theme.css';
import './endpoint-panel.css';
import { LoadError } from '../shared/load-error.js';

export type EndpointFormat = 'curl' | 'python' | 'javascript';

/** CSS variables EndpointPanel reads beyond the theme's. */
export type EndpointPanelCssVariables = '--hangar-endpoint-code-max-height';

const FORMATS: Array<{ value: EndpointFormat; label: string }> = [
  { value: 'curl', label: 'cURL' },
  { value: 'python', label: 'Python' },
  { value: 'javascript', label: 'JavaScript' },
];

export type EndpointPanelProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** The shown format (controlled). @default undefined */
  format?: EndpointFormat;
  /** The first format when uncontrolled. @default 'curl' */
  defaultFormat?: EndpointFormat;
  /** Called when the user picks another format. @default undefined */
  onFormatChange?: (format: EndpointFormat) => void;
};

/** The deployment's API endpoint: its URL and ready-to-run cURL, Python and JavaScript snippets, each with copy. */
export function EndpointPanel({
  deploymentId,
  client: clientProp,
  format: formatProp,
  defaultFormat = 'curl',
  onFormatChange,
  className,
  ...rest
}: EndpointPanelProps) {
  const client = useHangarClient('EndpointPanel', clientProp);
  const [format, setFormat] = useControllableState(formatProp, defaultFormat, onFormatChange);
  const { data, loading, error } = useQuery(DeploymentEndpointDocument, {
    client,
    variables: { id: deploymentId },
  });
  const baseId = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const deployment = data?.deployment;
  // The gateway answers only while the deployment serves; before that the URLs would only return errors.
  const endpoint = deployment?.status === 'DEPLOYED' ? deployment.endpoint : null;
  const state = error ? 'error' : loading && !data ? 'loading' : endpoint ? 'ready' : 'unavailable';

  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  function onTabKey(event: KeyboardEvent, index: number) {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? FORMATS.length - 1
          : (index + delta + FORMATS.length) % FORMATS.length;
    if (!delta && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next = FORMATS[target];
    if (!next) return;
    setFormat(next.value);
    tabs.current[target]?.focus();
  }

  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-endpoint', className)}
      data-state={state}
      data-format={format}
      aria-label="Model endpoint"
    >
      {state === 'loading' ? <p className="hangar-muted">Loading the endpoint…</p> : null}
      {error ? <LoadError what="the endpoint" error={error} /> : null}
      {state === 'unavailable' ? (
        <p className="hangar-muted">The endpoint appears once the deployment is deployed.</p>
      ) : null}
      {endpoint ? (
        <>
          <div className="hangar-endpoint__url">
            <span className="hangar-field__label">API endpoint</span>
            <code>{endpoint.url}</code>
            <CopyButton value={endpoint.url} aria-label="Copy the endpoint URL" />
          </div>
          <div role="tablist" aria-label="Snippet format" className="hangar-endpoint__tabs">
            {FORMATS.map((f, index) => (
              <button
                key={f.value}
                ref={(el) => {
                  tabs.current[index] = el;
                }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${f.value}`}
                aria-selected={format === f.value}
                aria-controls={`${baseId}-panel`}
                tabIndex={format === f.value ? 0 : -1}
                className="hangar-endpoint__tab"
                onClick={() => setFormat(f.value)}
                onKeyDown={(event) => onTabKey(event, index)}
              >
                {f.label}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`${baseId}-panel`}
            aria-labelledby={`${baseId}-tab-${format}`}
            className="hangar-endpoint__panel"
          >
            <pre className="hangar-code hangar-endpoint__code" tabIndex={0}>
              {endpoint[format]}
            </pre>
            <CopyButton
              value={endpoint[format]}
              aria-label={`Copy the ${FORMATS.find((f) => f.value === format)?.label} snippet`}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
