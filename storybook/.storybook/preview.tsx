import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  parameters: {
    // Every story is an axe check in the Vitest run: any violation fails the test.
    a11y: { test: 'error' },
    layout: 'padded',
  },
};

export default preview;
