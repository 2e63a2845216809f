import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Playground } from '@hangar/components';
import { CreatePlaygroundKeyDocument, PlaygroundDeploymentDocument } from '@hangar/components/documents';
import { answer, mutation, withMocks } from '../mocks/mocked-graphql.js';
import { dark } from '../mocks/themes.js';

const DEPLOYMENT_ID = 'RGVwbG95bWVudDox';

const deployment = (status = 'DEPLOYED') => ({
  deployment: {
    __typename: 'Deployment',
    id: DEPLOYMENT_ID,
    deploymentId: 'dpl-support',
    name: 'Support bot',
    status,
    configuration: {
      __typename: 'DeploymentConfiguration',
      parameters: {
        __typename: 'ParameterSettings',
        temperature: 0.7,
        maxLength: 256,
        topP: 0.9,
        topK: 40,
        stopSequences: [],
      },
    },
  },
});

const playgroundKey = mutation(CreatePlaygroundKeyDocument, () => ({
  createPlaygroundKey: {
    __typename: 'CreatePlaygroundKeyPayload',
    apiKey: {
      __typename: 'ApiKey',
      id: 'QXBpS2V5OjE',
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    },
    secret: 'hgr_sk_story',
    userErrors: [],
  },
}));

const mocks = (status?: string) => [answer(PlaygroundDeploymentDocument, deployment(status)), playgroundKey];

/** What the stories' gateway was asked, newest last. */
const requests: Array<Record<string, unknown>> = [];

const chunk = (content: string) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;

/**
 * A gateway in the browser: answers the chat call with OpenAI's SSE framing, one piece every 30 ms; `hang`
 * keeps the stream open after the pieces (an answer still being written), until the request is aborted.
 */
function streamingFetch(pieces: string[], options: { hang?: boolean } = {}): typeof fetch {
  return async (_url, init) => {
    requests.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    const signal = init?.signal;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        signal?.addEventListener('abort', () => controller.error(new DOMException('Aborted', 'AbortError')));
        for (const piece of pieces) {
          await new Promise((resolve) => setTimeout(resolve, 30));
          if (signal?.aborted) return;
          controller.enqueue(encoder.encode(chunk(piece)));
        }
        if (options.hang) return;
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

/** A gateway that refuses with the OpenAI error shape, as Hangar's does past a key's rate limit. */
const refusingFetch: typeof fetch = async () =>
  new Response(
    JSON.stringify({
      error: {
        message: 'Rate limit of 60 requests per minute reached for this API key; retry in 12 s.',
        type: 'rate_limit_error',
        param: null,
        code: 'rate_limit_exceeded',
      },
    }),
    { status: 429, headers: { 'content-type': 'application/json' } },
  );

const meta = {
  title: 'Deployments/Playground',
  component: Playground,
  args: { deploymentId: DEPLOYMENT_ID },
} satisfies Meta<typeof Playground>;
export default meta;
type Story = StoryObj<typeof meta>;

async function ask(canvasElement: HTMLElement, text: string) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByRole('textbox', { name: 'Message' }), text);
  await userEvent.keyboard('{Enter}');
  return canvas;
}

/** Ready to chat: the parameters start from the deployment's configuration, with the table's limits as hints. */
export const Idle: Story = {
  args: { fetch: streamingFetch(['Hello', ' there', '!']) },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Temperature')).toHaveValue(0.7);
    await expect(canvas.getByLabelText('Maximum length')).toHaveAttribute('max', '256');
    await expect(canvasElement.querySelector('.hangar-playground')).toHaveAttribute('data-state', 'idle');
  },
};
export const IdleDark = dark(Idle);

/** A message sent: the answer appears piece by piece, then the playground is idle again. */
export const Answered: Story = {
  args: { fetch: streamingFetch(['Hello', ' there', '!']) },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Hi');
    const transcript = canvas.getByRole('list', { name: 'Conversation' });
    await waitFor(() => expect(transcript).toHaveTextContent('Hello there!'));
    await expect(await canvas.findByRole('button', { name: 'Send' })).toBeVisible();
    await expect(requests.at(-1)).toMatchObject({
      stream: true,
      temperature: 0.7,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hi' }],
    });
  },
};
export const AnsweredDark = dark(Answered);

/** While the answer streams, Stop ends it and keeps what arrived. */
export const Streaming: Story = {
  args: { fetch: streamingFetch(['Once', ' upon', ' a time'], { hang: true }) },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Tell me a story');
    const transcript = canvas.getByRole('list', { name: 'Conversation' });
    await waitFor(() => expect(transcript).toHaveTextContent('Once upon a time'));
    await expect(canvasElement.querySelector('.hangar-playground')).toHaveAttribute(
      'data-state',
      'streaming',
    );
    await expect(transcript).toHaveAttribute('aria-busy', 'true');
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeVisible();
  },
};
export const StreamingDark = dark(Streaming);

export const Stopped: Story = {
  args: { fetch: streamingFetch(['Once', ' upon', ' a time'], { hang: true }) },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Tell me a story');
    await waitFor(() =>
      expect(canvas.getByRole('list', { name: 'Conversation' })).toHaveTextContent('a time'),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await expect(await canvas.findByRole('button', { name: 'Send' })).toBeVisible();
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(canvas.getByRole('list', { name: 'Conversation' })).toHaveTextContent('Once upon a time');
  },
};

/** The gateway's refusal (OpenAI error shape) is shown with its code. */
export const Error: Story = {
  args: { fetch: refusingFetch },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = await ask(canvasElement, 'Hi');
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Rate limit of 60 requests per minute reached');
    await expect(alert).toHaveTextContent('rate_limit_exceeded');
    await expect(canvasElement.querySelector('.hangar-playground')).toHaveAttribute('data-state', 'error');
  },
};
export const ErrorDark = dark(Error);

/** A parameter out of the table's range is named at its field and nothing is sent. */
export const InvalidParameter: Story = {
  args: { fetch: streamingFetch(['unused']) },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const temperature = await canvas.findByLabelText('Temperature');
    await userEvent.clear(temperature);
    await userEvent.type(temperature, '3');
    const sent = requests.length;
    await ask(canvasElement, 'Hi');
    await expect(await canvas.findByText('Temperature must be a number from 0 to 2.')).toBeVisible();
    await expect(requests.length).toBe(sent);
  },
};

/** JSON schema response format: the schema goes with the request and the answer is a JSON document. */
export const Json: Story = {
  args: { fetch: streamingFetch(['{"answer"', ': "It', ' fits."}']) },
  decorators: [withMocks(mocks())],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(await canvas.findByLabelText('Response format'), 'json_schema');
    await expect((canvas.getByLabelText('JSON schema') as HTMLTextAreaElement).value).toContain('"answer"');
    await ask(canvasElement, 'Does it fit?');
    await waitFor(() =>
      expect(canvas.getByRole('list', { name: 'Conversation' })).toHaveTextContent('{"answer": "It fits."}'),
    );
    await expect(requests.at(-1)).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { schema: { required: ['answer'] } } },
    });
  },
};
export const JsonDark = dark(Json);

/** A deployment saved without starting has no endpoint yet. */
export const Unavailable: Story = { decorators: [withMocks(mocks('READY_TO_DEPLOY'))] };
export const UnavailableDark = dark(Unavailable);

export const Loading: Story = { decorators: [withMocks([answer(PlaygroundDeploymentDocument, 'loading')])] };
