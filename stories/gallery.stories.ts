// The whole set as an embed registers it: components/index.ts defines every tag. The element
// stories (one file per element) show each part in depth; this one checks the registry.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../components/index';

/** Every public tag (README: the elements and their parts); the embed must register all of them. */
const TAGS = [
  'optim-lab',
  'optim-procedure',
  'loss-surface',
  'optimizer-picker',
  'scheduler-editor',
  'lr-curve',
  'loss-plot',
  'lr-finder-plot',
  'optim-data-view',
  'optim-pytorch-export',
];

const meta: Meta = {
  title: 'Gallery',
  tags: ['!autodocs'],
};
export default meta;

export const AllElementsRegistered: StoryObj = {
  render: () => html`
    <section aria-label="optim-lab elements">
      <h2>optim-lab elements</h2>
      <ul>
        ${TAGS.map((tag) => html`<li><code>&lt;${tag}&gt;</code></li>`)}
      </ul>
      <scheduler-editor></scheduler-editor>
      <lr-curve></lr-curve>
      <loss-surface preset="saddle" steps="20"></loss-surface>
    </section>
  `,
  play: async ({ canvasElement }) => {
    for (const tag of TAGS) {
      await expect(customElements.get(tag), `<${tag}> is defined`).toBeDefined();
    }
    // Upgraded instances have a shadow root: the elements really render, not just register.
    const editor = canvasElement.querySelector('scheduler-editor');
    await waitFor(() => expect(editor?.shadowRoot).not.toBeNull());
    // <loss-surface> computes in a worker of its own: the embed finds it and draws the paths.
    const surface = canvasElement.querySelector('loss-surface')!;
    await surface.computeComplete;
    await waitFor(() => expect(surface.shadowRoot!.querySelectorAll('.trail').length).toBe(4));
  },
};
