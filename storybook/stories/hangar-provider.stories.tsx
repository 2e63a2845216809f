import { ApolloClient, InMemoryCache } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { Component, type ReactNode } from 'react';
import { expect, within } from 'storybook/test';
import { HangarProvider, ModelTable } from '@hangar/components';
import {
  ModelTableDeploymentUpdatesDocument,
  ModelTableDocument,
  ModelTableUpdatesDocument,
} from '@hangar/components/documents';
import { modelPage, modelRow } from '../mocks/fixtures.js';
import { answer, quietSubscription } from '../mocks/mocked-graphql.js';

class ShowError extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null as string | null };
  static getDerivedStateFromError(error: Error) {
    return { message: error.message };
  }
  override render() {
    return this.state.message ? <p role="alert">{this.state.message}</p> : this.props.children;
  }
}

const hostClient = new ApolloClient({
  cache: new InMemoryCache(),
  link: new MockLink([
    answer(ModelTableDocument, modelPage([modelRow(0), modelRow(1)])),
    quietSubscription(ModelTableUpdatesDocument),
    quietSubscription(ModelTableDeploymentUpdatesDocument),
  ]),
});

const meta = { title: 'Setup/HangarProvider' } satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

/** A host app's own ApolloClient, handed to the provider. */
export const WithExistingClient: Story = {
  render: () => (
    <HangarProvider client={hostClient}>
      <ModelTable />
    </HangarProvider>
  ),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Flan T5')).toBeVisible();
  },
};

/** Without any client the component says how to fix it. */
export const MissingClient: Story = {
  render: () => (
    <ShowError>
      <ModelTable />
    </ShowError>
  ),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert')).toHaveTextContent(
      '<ModelTable /> needs an ApolloClient: pass `client`, or wrap it in <HangarProvider',
    );
  },
};
