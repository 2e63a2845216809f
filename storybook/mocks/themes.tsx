import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import type { Decorator } from '@storybook/react-vite';
import { useId, type ReactNode } from 'react';

export type Theme = 'light' | 'dark';

/** Story decorator: the story under a forced Hangar theme (`data-hangar-theme`), painted in its colours. */
export function withTheme(theme: Theme): Decorator {
  const Themed: Decorator = (Story) => (
    <div
      data-hangar-theme={theme}
      style={{ background: 'var(--hangar-color-bg)', color: 'var(--hangar-color-text)', padding: 16 }}
    >
      <Story />
    </div>
  );
  return Themed;
}

/**
 * The same story in the dark theme: its decorators, args and play function, under `withTheme('dark')`, so
 * axe checks the dark colours of every state.
 */
export function dark<S extends object>(story: S): S {
  // Stories carry decorators typed for their component's args; the theme wrapper is arg-agnostic.
  const own = (story as { decorators?: Decorator | Decorator[] }).decorators;
  return { ...story, decorators: [...(own ? [own].flat() : []), withTheme('dark')] } as S;
}

export interface GalleryState {
  name: string;
  mocks: MockLink.MockedResponse[];
  /** Renders the component; `labelledBy` names it after the state so each landmark's name is unique. */
  render: (labelledBy: string) => ReactNode;
}

function GalleryItem({ state }: { state: GalleryState }) {
  const id = useId();
  return (
    <div style={{ borderTop: '1px dashed var(--hangar-color-border)', paddingBlock: 12 }}>
      <p id={id} style={{ margin: '0 0 8px', fontWeight: 600 }}>
        {state.name}
      </p>
      <MockedProvider mocks={state.mocks}>{state.render(id)}</MockedProvider>
    </div>
  );
}

/** Every state of a component side by side, each on its own mocked server, in one theme. */
export function StateGallery({ states, theme }: { states: GalleryState[]; theme: Theme }) {
  return (
    <div
      data-hangar-theme={theme}
      style={{ background: 'var(--hangar-color-bg)', color: 'var(--hangar-color-text)', padding: 16 }}
    >
      {states.map((state) => (
        <GalleryItem key={state.name} state={state} />
      ))}
    </div>
  );
}
