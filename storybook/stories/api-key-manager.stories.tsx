import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ApiKeyManager } from '@hangar/components';
import {
  ApiKeyUsageChangedDocument,
  CreateApiKeyDocument,
  DeploymentApiKeysDocument,
  RevokeApiKeyDocument,
  SetApiKeyBudgetDocument,
} from '@hangar/components/documents';
import { apiKey, keyBudget } from '../mocks/fixtures.js';
import { answer, fail, mutation, quietSubscription, withMocks } from '../mocks/mocked-graphql.js';
import { dark, StateGallery, type GalleryState } from '../mocks/themes.js';

// The live usage subscription is open and quiet in every story unless one sends events.
const quiet = quietSubscription(ApiKeyUsageChangedDocument);

const keysOf = (keys: unknown[]) => ({
  deployment: { __typename: 'Deployment', id: 'RGVwbG95bWVudDox', apiKeys: keys },
});

const meta = {
  title: 'Deployments/ApiKeyManager',
  component: ApiKeyManager,
  args: { deploymentId: 'RGVwbG95bWVudDox', onKeyCreated: fn(), onKeyRevoked: fn() },
} satisfies Meta<typeof ApiKeyManager>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  decorators: [
    withMocks([
      quiet,
      answer(
        DeploymentApiKeysDocument,
        keysOf([
          apiKey(0),
          apiKey(1, { expiresAt: '2026-01-01T00:00:00.000Z' }),
          apiKey(2, { revokedAt: '2026-11-24T00:00:00.000Z' }),
        ]),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('hgk_1000…')).toBeVisible();
    await expect(canvas.getByText('Revoked')).toBeVisible();
    await expect(canvas.getByText('Expired')).toBeVisible();
    // Only an active key can be revoked.
    await expect(canvas.getAllByRole('button', { name: /^Revoke/ })).toHaveLength(1);
  },
};

export const Empty: Story = {
  decorators: [withMocks([quiet, answer(DeploymentApiKeysDocument, keysOf([]))])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/No API keys yet/)).toBeVisible();
  },
};

export const Loading: Story = {
  decorators: [withMocks([quiet, answer(DeploymentApiKeysDocument, 'loading')])],
};

export const Error: Story = {
  decorators: [withMocks([quiet, fail(DeploymentApiKeysDocument, 'Forbidden')])],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent('Forbidden');
  },
};

export const LongList: Story = {
  decorators: [
    withMocks([
      quiet,
      answer(DeploymentApiKeysDocument, keysOf(Array.from({ length: 15 }, (_, n) => apiKey(n)))),
    ]),
  ],
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findAllByRole('button', { name: /^Revoke/ })).toHaveLength(15);
  },
};

// The key flow runs against a tiny in-memory server so the list really changes after create and revoke.
const SECRET = 'hgk_4f1c2b_3wq8ZrTt0pYk1uN6cV9xL2mB7aD5eH';
const serverKeys: unknown[] = [];
const keyFlowMocks = [
  quiet,
  {
    request: { query: DeploymentApiKeysDocument, variables: () => true },
    result: () => ({ data: keysOf([...serverKeys]) }),
    delay: 10,
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  mutation(CreateApiKeyDocument, (variables) => {
    const name = (variables.input as { name: string }).name;
    const created = apiKey(7, { name, prefix: 'hgk_4f1c2b', lastUsedAt: null });
    serverKeys.push(created);
    return {
      createApiKey: { __typename: 'CreateApiKeyPayload', apiKey: created, secret: SECRET, userErrors: [] },
    };
  }),
  mutation(RevokeApiKeyDocument, () => {
    serverKeys.length = 0;
    return {
      revokeApiKey: {
        __typename: 'RevokeApiKeyPayload',
        apiKey: { __typename: 'ApiKey', id: 'QXBpS2V5Oj7' },
        userErrors: [],
      },
    };
  }),
];

/** Create → the secret once, copied → listed → revoked, all by keyboard-reachable controls. */
export const KeyFlow: Story = {
  decorators: [withMocks(keyFlowMocks)],
  play: async ({ canvasElement, args }) => {
    serverKeys.length = 0;
    const canvas = within(canvasElement);
    const page = within(document.body);
    await canvas.findByText(/No API keys yet/);

    await userEvent.click(canvas.getByRole('button', { name: 'Create a new API key' }));
    const dialog = await page.findByRole('dialog', { name: 'Create new API key' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Generate key' }));
    await expect(within(dialog).getByText('Enter a name for the key.')).toBeVisible();
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Support app{Enter}');

    await expect(await within(dialog).findByText(SECRET)).toBeVisible();
    await expect(within(dialog).getByText(/You will not be able to see it again/)).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Copy and close' }));
    await waitFor(() => expect(dialog).not.toBeVisible());
    await expect(await navigator.clipboard.readText()).toBe(SECRET);
    await expect(args.onKeyCreated).toHaveBeenCalledWith(expect.objectContaining({ name: 'Support app' }));
    // Listed by prefix only; the secret is gone from the page.
    await expect(await canvas.findByText('hgk_4f1c2b…')).toBeVisible();
    await expect(document.body).not.toHaveTextContent(SECRET);

    await userEvent.click(canvas.getByRole('button', { name: 'Revoke Support app' }));
    const confirm = await page.findByRole('dialog', { name: 'Revoke Support app?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Revoke key' }));
    await expect(await canvas.findByText(/No API keys yet/)).toBeVisible();
    await expect(args.onKeyRevoked).toHaveBeenCalledWith('QXBpS2V5Oj7');
  },
};

export const CreateRefused: Story = {
  decorators: [
    withMocks([
      quiet,
      answer(DeploymentApiKeysDocument, keysOf([])),
      mutation(CreateApiKeyDocument, () => ({
        createApiKey: {
          __typename: 'CreateApiKeyPayload',
          apiKey: null,
          secret: null,
          userErrors: [
            {
              __typename: 'UserError',
              field: ['input', 'name'],
              message: 'A key with this name already exists.',
              code: 'CONFLICT',
            },
          ],
        },
      })),
    ]),
  ],
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Create a new API key' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Create new API key' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Support app{Enter}');
    await expect(await within(dialog).findByText('A key with this name already exists.')).toBeVisible();
  },
};

/** Each key's expiry, rate limit and usage (requests, failures, tokens). */
export const ExpiryRateLimitAndUsage: Story = {
  args: { now: () => Date.parse('2026-11-26T00:00:00.000Z') },
  decorators: [
    withMocks([
      quiet,
      answer(
        DeploymentApiKeysDocument,
        keysOf([
          apiKey(1, { expiresAt: '2026-12-31T00:00:00.000Z', rateLimitPerMinute: 60 }),
          apiKey(2, { expiresAt: '2026-11-25T00:00:00.000Z' }),
        ]),
      ),
    ]),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const batch = await canvas.findByRole('row', { name: /Batch jobs/ });
    await expect(batch).toHaveTextContent('60/min');
    await expect(batch).toHaveTextContent('120 requests · 1 failed · 4,500 tokens');
    await expect(batch).toHaveTextContent('Active');
    const staging = canvas.getByRole('row', { name: /Staging/ });
    await expect(staging).toHaveTextContent('None');
    await expect(staging).toHaveTextContent('Expired');
  },
};
export const ExpiryRateLimitAndUsageDark = dark(ExpiryRateLimitAndUsage);

const sent: Array<Record<string, unknown>> = [];
/** Create with "In 30 days" and 120 requests per minute: both go to createApiKey. */
export const CreateWithExpiryAndRateLimit: Story = {
  args: { now: () => Date.parse('2026-11-26T00:00:00.000Z') },
  decorators: [
    withMocks([
      quiet,
      answer(DeploymentApiKeysDocument, keysOf([])),
      mutation(CreateApiKeyDocument, (variables) => {
        const input = variables.input as Record<string, unknown>;
        sent.push(input);
        return {
          createApiKey: {
            __typename: 'CreateApiKeyPayload',
            apiKey: apiKey(4, {
              name: input.name,
              expiresAt: input.expiresAt,
              rateLimitPerMinute: input.rateLimitPerMinute,
            }),
            secret: SECRET,
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement }) => {
    sent.length = 0;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Create a new API key' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Create new API key' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Partner');
    await userEvent.selectOptions(within(dialog).getByLabelText('Expires'), 'In 30 days');
    const limit = within(dialog).getByLabelText('Rate limit (requests per minute)');
    await userEvent.type(limit, 'lots');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Generate key' }));
    await expect(within(dialog).getByText(/Enter a whole number of requests per minute/)).toBeVisible();
    await expect(sent).toHaveLength(0);
    await userEvent.clear(limit);
    await userEvent.type(limit, '120');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Generate key' }));
    await expect(await within(dialog).findByText(SECRET)).toBeVisible();
    await expect(sent[0]).toEqual({
      deploymentId: 'RGVwbG95bWVudDox',
      name: 'Partner',
      expiresAt: '2026-12-26T00:00:00.000Z',
      rateLimitPerMinute: 120,
      monthlyTokenBudget: null,
    });
  },
};
const budgeted: Array<Record<string, unknown>> = [];
/** A monthly token budget typed with grouping goes to createApiKey as a number; a fraction is refused at the field. */
export const CreateWithBudget: Story = {
  decorators: [
    withMocks([
      quiet,
      answer(DeploymentApiKeysDocument, keysOf([])),
      mutation(CreateApiKeyDocument, (variables) => {
        const input = variables.input as Record<string, unknown>;
        budgeted.push(input);
        const budget = keyBudget(input.monthlyTokenBudget as number, 0);
        return {
          createApiKey: {
            __typename: 'CreateApiKeyPayload',
            apiKey: apiKey(4, { name: input.name, budget }),
            secret: SECRET,
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement }) => {
    budgeted.length = 0;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Create a new API key' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Create new API key' });
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Metered');
    const budget = within(dialog).getByLabelText('Monthly token budget');
    await userEvent.type(budget, '1.5');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Generate key' }));
    await expect(within(dialog).getByText(/Enter a whole number of tokens per month/)).toBeVisible();
    await expect(budgeted).toHaveLength(0);
    await userEvent.clear(budget);
    await userEvent.type(budget, '1,000,000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Generate key' }));
    await expect(await within(dialog).findByText(SECRET)).toBeVisible();
    await expect(budgeted[0]).toMatchObject({ name: 'Metered', monthlyTokenBudget: 1_000_000 });
  },
};
export const CreateWithBudgetDark = dark(CreateWithBudget);

const budgetRows = keysOf([
  apiKey(0, { name: 'Unlimited', budget: keyBudget(null, 12_000) }),
  apiKey(1, { name: 'Under budget', budget: keyBudget(100_000, 25_000) }),
  apiKey(2, { name: 'Nearly spent', budget: keyBudget(100_000, 85_000, true) }),
  apiKey(3, { name: 'Spent', budget: keyBudget(100_000, 100_412, true) }),
]);

/** One meter per key: no budget, under 80 %, the warning colour from 80 %, and spent (429 until the reset). */
export const BudgetMeters: Story = {
  decorators: [withMocks([quiet, answer(DeploymentApiKeysDocument, budgetRows)])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const meterOf = async (name: string) =>
      (await canvas.findByRole('row', { name: new RegExp(name) })).querySelector('.hangar-budget')!;
    await expect(await meterOf('Unlimited')).toHaveAttribute('data-state', 'unlimited');
    await expect(await meterOf('Unlimited')).toHaveTextContent('No budget · 12,000 tokens this month');
    await expect(await meterOf('Under budget')).toHaveAttribute('data-state', 'ok');
    await expect(await meterOf('Under budget')).toHaveTextContent('25,000 of 100,000 tokens · 75,000 left');
    await expect(await meterOf('Nearly spent')).toHaveAttribute('data-state', 'warning');
    await expect(await meterOf('Spent')).toHaveAttribute('data-state', 'spent');
    await expect(await meterOf('Spent')).toHaveTextContent(/Spent: 100,412 of 100,000 tokens · resets/);
  },
};
export const BudgetMetersDark = dark(BudgetMeters);

/** The subscription's events update the row in place: the meter moves into its warning colour live. */
export const BudgetLive: Story = {
  decorators: [
    withMocks([
      answer(DeploymentApiKeysDocument, keysOf([apiKey(1, { name: 'Live', budget: keyBudget(1000, 500) })])),
      {
        request: { query: ApiKeyUsageChangedDocument, variables: () => true },
        result: {
          data: {
            apiKeyUsageChanged: {
              __typename: 'ApiKey',
              id: apiKey(1).id,
              usage: { ...apiKey(1).usage, completionTokens: 9999 },
              budget: keyBudget(1000, 900, true),
            },
          },
        },
        delay: 300,
      },
    ]),
  ],
  play: async ({ canvasElement }) => {
    const row = await within(canvasElement).findByRole('row', { name: /Live/ });
    await waitFor(() => expect(row.querySelector('.hangar-budget')).toHaveAttribute('data-state', 'warning'));
    await expect(row).toHaveTextContent('900 of 1,000 tokens · 100 left');
  },
};

const budgetsSet: Array<Record<string, unknown>> = [];
/** "Budget" on a key: the server's refusal shows at the field; a saved budget moves the row's meter at once. */
export const EditBudget: Story = {
  decorators: [
    withMocks([
      quiet,
      answer(
        DeploymentApiKeysDocument,
        keysOf([apiKey(1, { name: 'Metered', budget: keyBudget(null, 4500) })]),
      ),
      mutation(SetApiKeyBudgetDocument, (variables) => {
        const input = variables.input as { apiKeyId: string; monthlyTokenBudget: number | null };
        budgetsSet.push(input);
        if (input.monthlyTokenBudget! > 1e12)
          return {
            setApiKeyBudget: {
              __typename: 'SetApiKeyBudgetPayload',
              apiKey: null,
              userErrors: [
                {
                  __typename: 'UserError',
                  field: ['input', 'monthlyTokenBudget'],
                  message: 'The monthly token budget must be 1–1000000000000 tokens (null for no budget).',
                  code: 'OUT_OF_RANGE',
                },
              ],
            },
          };
        return {
          setApiKeyBudget: {
            __typename: 'SetApiKeyBudgetPayload',
            apiKey: {
              __typename: 'ApiKey',
              id: input.apiKeyId,
              budget: keyBudget(input.monthlyTokenBudget, 4500),
            },
            userErrors: [],
          },
        };
      }),
    ]),
  ],
  play: async ({ canvasElement }) => {
    budgetsSet.length = 0;
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Budget of Metered' }));
    const dialog = await within(document.body).findByRole('dialog', { name: 'Monthly budget of Metered' });
    const field = within(dialog).getByLabelText('Monthly token budget');
    await userEvent.type(field, '2000000000000{Enter}');
    await expect(await within(dialog).findByText(/must be 1–1000000000000 tokens/)).toBeVisible();
    await userEvent.clear(field);
    await userEvent.type(field, '5,000{Enter}');
    await waitFor(() => expect(dialog).not.toBeVisible());
    await expect(budgetsSet.at(-1)).toEqual({ apiKeyId: apiKey(1).id, monthlyTokenBudget: 5000 });
    const row = canvas.getByRole('row', { name: /Metered/ });
    await expect(row).toHaveTextContent('4,500 of 5,000 tokens · 500 left');
    await expect(row.querySelector('.hangar-budget')).toHaveAttribute('data-state', 'warning');
  },
};
export const EditBudgetDark = dark(EditBudget);

export const CreateWithExpiryAndRateLimitDark = dark(CreateWithExpiryAndRateLimit);
export const DefaultDark = dark(Default);
export const EmptyDark = dark(Empty);
export const LoadingDark = dark(Loading);
export const ErrorDark = dark(Error);
export const KeyFlowDark = dark(KeyFlow);
export const CreateRefusedDark = dark(CreateRefused);

const galleryStates: GalleryState[] = [
  {
    name: 'Ready',
    mocks: [
      quiet,
      answer(
        DeploymentApiKeysDocument,
        keysOf([
          apiKey(0, { rateLimitPerMinute: 600 }),
          apiKey(1, { expiresAt: '2026-01-01T00:00:00.000Z' }),
          apiKey(2, { revokedAt: '2026-11-24T00:00:00.000Z' }),
        ]),
      ),
    ],
  },
  { name: 'Empty', mocks: [quiet, answer(DeploymentApiKeysDocument, keysOf([]))] },
  { name: 'Loading', mocks: [quiet, answer(DeploymentApiKeysDocument, 'loading')] },
  { name: 'Error', mocks: [quiet, fail(DeploymentApiKeysDocument, 'Forbidden')] },
].map((state) => ({
  ...state,
  render: (labelledBy: string) => (
    <ApiKeyManager deploymentId="RGVwbG95bWVudDox" aria-labelledby={labelledBy} />
  ),
}));

export const AllStates: Story = {
  render: () => <StateGallery states={galleryStates} theme="light" />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('600/min');
  },
};
export const AllStatesDark: Story = {
  render: () => <StateGallery states={galleryStates} theme="dark" />,
  play: AllStates.play,
};
