import type { ApolloClient } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  useEffect,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { CreatePlaygroundKeyDocument, PlaygroundDeploymentDocument } from '../gql/graphql.js';
import { useHangarClient } from '../provider/use-hangar-client.js';
import { classNames } from '../shared/class-names.js';
import { graphQLErrorCode } from '../shared/graphql-error-code.js';
import { useControllableState } from '../shared/use-controllable-state.js';
import { GatewayError, streamChat, type ChatMessage } from './chat-stream.js';
import {
  initialForm,
  ParameterFields,
  requestParameters,
  type ParameterForm,
} from './playground.parameters.js';
import '../styles/theme.css';
import './playground.css';

export type { ChatMessage } from './chat-stream.js';

/** CSS variables Playground reads beyond the theme's. */
export type PlaygroundCssVariables = '--hangar-playground-transcript-height';

/** What the playground is doing, as `data-state`. */
export type PlaygroundState = 'loading' | 'unavailable' | 'idle' | 'streaming' | 'error';

/** Statuses in which the deployment's endpoint answers (the server refuses a playground key otherwise). */
const CHATTABLE = new Set(['DEPLOYED', 'DEPLOYING', 'OPTIMIZING', 'FAILED']);
/** A key this close to its expiry is replaced before a request rather than failing in the middle of one. */
const KEY_MARGIN_MS = 30_000;

export type PlaygroundProps = Omit<ComponentPropsWithRef<'section'>, 'children'> & {
  /** Global ID of the deployment. */
  deploymentId: string;
  /** An ApolloClient to use instead of the one from HangarProvider / ApolloProvider. @default undefined */
  client?: ApolloClient;
  /** Origin of the Hangar gateway (`/api/v2/…` is appended). @default '' (the page's origin, which proxies /api) */
  gatewayUrl?: string;
  /** The fetch that calls the gateway (to add headers, or in stories). @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** The conversation (controlled). @default undefined */
  messages?: ChatMessage[];
  /** The first conversation when uncontrolled. @default [] */
  defaultMessages?: ChatMessage[];
  /** Called with the conversation whenever it changes (each streamed piece included). @default undefined */
  onMessagesChange?: (messages: ChatMessage[]) => void;
};

interface ShownError {
  message: string;
  code: string | null;
}

/**
 * Chat with a deployment from the browser: the answer streams in, the sampling parameters start from the
 * deployment's configuration with the configuration table's limits, and a JSON schema can shape the answer. It
 * calls the gateway with a short-lived key issued to the signed-in user (`createPlaygroundKey`), kept in memory
 * only: no key is ever typed into the page.
 */
export function Playground({
  deploymentId,
  client: clientProp,
  gatewayUrl = '',
  fetch: fetchProp,
  messages: messagesProp,
  defaultMessages = [],
  onMessagesChange,
  className,
  ...rest
}: PlaygroundProps) {
  const client = useHangarClient('Playground', clientProp);
  const {
    data,
    loading,
    error: loadError,
  } = useQuery(PlaygroundDeploymentDocument, {
    client,
    variables: { id: deploymentId },
  });
  const [createKey] = useMutation(CreatePlaygroundKeyDocument, { client });
  const [messages, setMessages] = useControllableState(messagesProp, defaultMessages, onMessagesChange);
  const [draft, setDraft] = useState('');
  const [form, setForm] = useState<ParameterForm | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const key = useRef<{ secret: string; expiresAt: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const deployment = data?.deployment;
  const parameters = deployment?.configuration.parameters;

  useEffect(() => {
    if (parameters && !form) setForm(initialForm(parameters));
  }, [parameters, form]);
  // Leaving the page stops the answer: nobody would read it.
  useEffect(() => () => abort.current?.abort(), []);

  const chattable = deployment ? CHATTABLE.has(deployment.status) : false;
  const state: PlaygroundState =
    loading && !data
      ? 'loading'
      : !deployment || !chattable
        ? 'unavailable'
        : streaming
          ? 'streaming'
          : error
            ? 'error'
            : 'idle';

  async function playgroundKey(): Promise<string | null> {
    if (key.current && key.current.expiresAt - Date.now() > KEY_MARGIN_MS) return key.current.secret;
    const result = await createKey({ variables: { input: { deploymentId } } });
    const payload = result.data?.createPlaygroundKey;
    const refusal = payload?.userErrors[0];
    if (refusal) {
      setError({ message: refusal.message, code: refusal.code });
      return null;
    }
    if (!payload?.secret || !payload.apiKey?.expiresAt) {
      setError({ message: 'The server issued no playground key.', code: null });
      return null;
    }
    key.current = { secret: payload.secret, expiresAt: new Date(payload.apiKey.expiresAt).getTime() };
    return payload.secret;
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (!deployment || !form || streaming) return;
    const content = draft.trim();
    if (!content) return;
    const { body, errors } = requestParameters(form, deployment.configuration.parameters.maxLength);
    setFieldErrors(errors);
    if (Object.keys(errors).length) {
      setError({ message: 'Fix the parameters marked below.', code: null });
      return;
    }
    setError(null);
    setStreaming(true);
    const controller = new AbortController();
    abort.current = controller;
    const asked: ChatMessage[] = [...messages, { role: 'user', content }];
    setMessages(asked);
    setDraft('');
    let answer = '';
    try {
      const secret = await playgroundKey();
      if (!secret) return;
      await streamChat({
        fetch: fetchProp ?? globalThis.fetch.bind(globalThis),
        url: `${gatewayUrl}/api/v2/deployments/${encodeURIComponent(deployment.deploymentId)}/chat/completions`,
        apiKey: secret,
        body: { messages: asked, ...body },
        signal: controller.signal,
        onDelta: (piece) => {
          answer += piece;
          setMessages([...asked, { role: 'assistant', content: answer }]);
        },
      });
      if (!answer) setMessages([...asked, { role: 'assistant', content: '' }]);
    } catch (failure) {
      if (controller.signal.aborted) return;
      if (failure instanceof GatewayError) {
        // A revoked or expired key: the next send asks for a new one.
        if (failure.status === 401) key.current = null;
        setError({ message: failure.message, code: failure.code ?? failure.type });
      } else {
        setError({ message: `Could not reach the deployment: ${(failure as Error).message}`, code: null });
      }
    } finally {
      if (abort.current === controller) abort.current = null;
      setStreaming(false);
    }
  }

  function onDraftKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter adds a line, as in every chat.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const notFound = graphQLErrorCode(loadError) === 'NOT_FOUND';
  return (
    <section
      {...rest}
      className={classNames('hangar-root hangar-playground', className)}
      data-state={state}
      aria-label="Playground"
    >
      {state === 'loading' ? <p className="hangar-muted">Loading the deployment…</p> : null}
      {loadError ? (
        <p role="alert" className="hangar-error">
          {notFound
            ? 'This deployment does not exist.'
            : `Could not load the deployment: ${loadError.message}`}
        </p>
      ) : null}
      {deployment && !chattable ? (
        <p className="hangar-muted">
          The playground opens once {deployment.name} is deployed (it is {deployment.status.toLowerCase()}).
        </p>
      ) : null}
      {deployment && chattable && form ? (
        <div className="hangar-playground__layout">
          <div className="hangar-playground__chat">
            <ol
              className="hangar-playground__transcript"
              aria-label="Conversation"
              aria-live="polite"
              aria-busy={streaming}
              tabIndex={0}
            >
              {messages.length === 0 ? (
                <li className="hangar-muted">Ask {deployment.name} something to start.</li>
              ) : null}
              {/* Until the answer starts, an empty answer from the deployment stands for it. */}
              {(streaming && messages.at(-1)?.role === 'user'
                ? [...messages, { role: 'assistant' as const, content: '' }]
                : messages
              ).map((message, index, shown) => (
                <li key={index} className="hangar-playground__message" data-role={message.role}>
                  <span className="hangar-playground__speaker">
                    {message.role === 'user' ? 'You' : deployment.name}
                  </span>
                  <span
                    className="hangar-playground__content"
                    data-empty={message.content ? undefined : 'true'}
                  >
                    {message.content || (streaming && index === shown.length - 1 ? '…' : '(empty answer)')}
                  </span>
                </li>
              ))}
            </ol>
            {error ? (
              <p role="alert" className="hangar-error" data-code={error.code ?? undefined}>
                {error.message}
                {error.code ? <code> {error.code}</code> : null}
              </p>
            ) : null}
            <form className="hangar-playground__composer" onSubmit={(event) => void send(event)}>
              <label className="hangar-visually-hidden" htmlFor={`${deploymentId}-playground-message`}>
                Message
              </label>
              <textarea
                id={`${deploymentId}-playground-message`}
                className="hangar-input"
                rows={2}
                placeholder="Message (Enter sends, Shift+Enter for a new line)"
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={onDraftKey}
              />
              <div className="hangar-toolbar">
                {streaming ? (
                  <button type="button" className="hangar-button" onClick={() => abort.current?.abort()}>
                    Stop
                  </button>
                ) : (
                  <button
                    type="submit"
                    className="hangar-button"
                    data-variant="primary"
                    disabled={!draft.trim()}
                  >
                    Send
                  </button>
                )}
                <button
                  type="button"
                  className="hangar-button"
                  disabled={streaming || messages.length === 0}
                  onClick={() => {
                    setMessages([]);
                    setError(null);
                  }}
                >
                  Clear
                </button>
              </div>
            </form>
          </div>
          <ParameterFields
            form={form}
            errors={fieldErrors}
            maxTokens={deployment.configuration.parameters.maxLength}
            disabled={streaming}
            onChange={(patch) => setForm({ ...form, ...patch })}
          />
        </div>
      ) : null}
    </section>
  );
}
