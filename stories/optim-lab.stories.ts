import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/optim-lab/index';
import type { OptimLab, OptimProgressDetail } from '../components/optim-lab/index';
import { MAX_EPOCHS } from '../src/protocol/experiment';

interface OptimLabArgs {
  dataset: string;
  layers: string;
  activation: string;
  optimizer: string;
  lr?: string;
  scheduler?: string;
  batchSize: string;
  epochs: string;
  seed: string;
  backend: string;
  hide?: string;
  autoplay: boolean;
  grid?: string;
  lrFinder?: boolean;
  config?: string;
  editData?: boolean;
  share?: boolean;
  id?: string;
}

const meta = {
  title: 'Elements/optim-lab',
  component: 'optim-lab',
  tags: ['autodocs'],
  render: (args) =>
    html`<optim-lab
      dataset=${args.dataset}
      layers=${args.layers}
      activation=${args.activation}
      optimizer=${args.optimizer}
      lr=${args.lr ?? nothing}
      scheduler=${args.scheduler ?? nothing}
      batch-size=${args.batchSize}
      epochs=${args.epochs}
      seed=${args.seed}
      backend=${args.backend}
      hide=${args.hide ?? nothing}
      ?autoplay=${args.autoplay}
      grid=${args.grid ?? nothing}
      ?lr-finder=${args.lrFinder ?? false}
      config=${args.config ?? nothing}
      ?edit-data=${args.editData ?? false}
      ?share=${args.share ?? false}
      id=${args.id ?? nothing}
    ></optim-lab>`,
  args: {
    dataset: 'spiral',
    layers: '16,16',
    activation: 'relu',
    optimizer: 'SGD Adam',
    lr: '0.03',
    batchSize: '32',
    epochs: '30',
    seed: '1',
    backend: 'cpu',
    autoplay: false,
  },
  argTypes: {
    dataset: {
      control: 'select',
      options: ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'checkerboard', 'sine', 'plane'],
    },
    layers: { control: 'text', description: 'Hidden layer widths, e.g. "16,16".' },
    activation: {
      control: 'select',
      options: ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'gelu', 'linear'],
    },
    optimizer: {
      control: 'text',
      description: 'Type names to compare ("SGD Adam") or OptimizerConfig JSON.',
    },
    lr: { control: 'text' },
    scheduler: { control: 'text', description: 'SchedulerConfig JSON.' },
    batchSize: { control: 'text' },
    epochs: { control: 'text' },
    seed: { control: 'text' },
    backend: { control: 'select', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
    hide: { control: 'text', description: 'Sections to hide, e.g. "dataset model runs".' },
    autoplay: { control: 'boolean' },
    grid: {
      control: 'text',
      description: 'Grid search: option -> values JSON, e.g. {"lr":[0.01,0.1],"momentum":[0,0.9]}.',
    },
    lrFinder: { control: 'boolean', description: 'Show the LR range test panel open.' },
    config: { control: 'text', description: 'The whole experiment as JSON.' },
    editData: { control: 'boolean', description: 'Show the data editor open.' },
    share: {
      control: 'boolean',
      description: "Read this lab's state from the page's URL fragment.",
    },
    id: { control: 'text', description: "Names the lab's entry in a shared link." },
  },
} satisfies Meta<OptimLabArgs>;
export default meta;

type Story = StoryObj<OptimLabArgs>;

async function lab(canvasElement: HTMLElement): Promise<OptimLab> {
  const el = canvasElement.querySelector('optim-lab');
  if (!el) throw new Error('no <optim-lab> rendered');
  await el.updateComplete;
  return el;
}
const part = <T extends Element = HTMLElement>(el: OptimLab, name: string): T => {
  const found = el.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}"`);
  return found;
};

/** SGD against Adam on the spiral: press play, watch both losses fall, pause. */
export const CompareOptimizers: Story = {
  // The longest training a config allows, so it is still training when the play function
  // pauses it however fast the machine (the fused CPU loop can end 300 steps within one
  // progress message).
  args: { epochs: String(MAX_EPOCHS) },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    const progress: OptimProgressDetail[] = [];
    el.addEventListener('optim-progress', (event) => progress.push(event.detail));
    await userEvent.click(part(el, 'play-button'));
    await waitFor(() => expect(el.state).toBe('training'), { timeout: 90_000 });
    await waitFor(() => expect(new Set(progress.map((p) => p.run)).size).toBe(2), {
      timeout: 90_000,
    });
    await userEvent.click(part(el, 'pause-button'));
    await waitFor(() => expect(el.state).toBe('paused'));
    await expect(el.backend).toBe('cpu');
  },
};

/** A focused embed: Adam with warm-up then cosine decay; only the plots and the controls. */
export const WarmupFocused: Story = {
  args: {
    optimizer: 'Adam',
    lr: '0.01',
    scheduler:
      '{"type":"SequentialLR","schedulers":[{"type":"LinearLR","startFactor":0.01,"totalIters":50},{"type":"CosineAnnealingLR"}],"milestones":[50]}',
    hide: 'dataset model training runs',
  },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    await expect(el.shadowRoot?.querySelector('[part="setup"]')).toBeNull();
    await expect(part(el, 'lr-curve')).toBeTruthy();
    await expect(el.experiment.runs[0].scheduler).toMatchObject({
      type: 'SequentialLR',
      milestones: [50],
    });
  },
};

/** An invalid attribute: the lab says what is wrong and stays usable. */
export const InvalidAttribute: Story = {
  args: { lr: 'abc' },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    await expect(part(el, 'problems').textContent).toContain(
      'lr: expected a positive number, got "abc"',
    );
    el.setAttribute('lr', '0.01');
    await el.updateComplete;
    await expect(part(el, 'problems').textContent?.trim()).toBe('');
  },
};

/** A learning rate far too large: the lab says which run diverged, at which step and lr. */
export const Divergence: Story = {
  args: { optimizer: 'SGD', lr: '100', dataset: 'circle', epochs: '5' },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    await userEvent.click(part(el, 'play-button'));
    await waitFor(() => expect(part(el, 'alert').textContent).toMatch(/diverged at step/), {
      timeout: 90_000,
    });
  },
};

/** The LR range test: find an lr for SGD + momentum, then use the steepest-descent one. */
export const FindLearningRate: Story = {
  args: {
    optimizer: '{"type":"SGD","momentum":0.9}',
    lr: '0.001',
    dataset: 'moons',
    lrFinder: true,
    hide: 'dataset model training backend boundary',
  },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    await userEvent.click(part(el, 'find-lr-button'));
    const plot = await waitFor(() => part(el, 'lr-finder-plot'), { timeout: 90_000 });
    const use = await waitFor(() => {
      const button = plot.shadowRoot?.querySelector<HTMLButtonElement>('[part="use-steepest"]');
      if (!button) throw new Error('no suggestion yet');
      return button;
    });
    await userEvent.click(use);
    await waitFor(() =>
      expect(el.experiment.runs[0].optimizer).not.toEqual({
        type: 'SGD',
        momentum: 0.9,
        lr: 0.001,
      }),
    );
  },
};

/** A 3 x 2 grid over lr and momentum; the ranking table follows training. */
export const GridSearch: Story = {
  args: {
    optimizer: 'SGD',
    lr: undefined,
    dataset: 'circle',
    epochs: '5',
    grid: '{"lr":[0.01,0.1,1],"momentum":[0,0.9]}',
    hide: 'dataset model training backend lr-curve boundary lr-finder',
  },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    await expect(el.experiment.runs).toHaveLength(6);
    await userEvent.click(part(el, 'play-button'));
    await waitFor(() => expect(part(el, 'ranking').querySelectorAll('tbody tr')).toHaveLength(6), {
      timeout: 90_000,
    });
  },
};

/** A few starter points: a diagonal band of class 1 between two groups of class 0. */
const STARTER_POINTS = [
  [-0.6, -0.6, 1],
  [0, 0, 1],
  [0.6, 0.6, 1],
  [-0.6, 0.5, 0],
  [0.5, -0.6, 0],
];

/**
 * Your own data: the editor open on a few points. The play function adds two points from
 * the keyboard (the cursor starts at the centre), one of each class, and trains on them.
 */
export const EditData: Story = {
  args: {
    // No dataset attribute: it would replace the config's points with a generated dataset.
    dataset: '',
    editData: true,
    optimizer: 'Adam',
    lr: '0.05',
    epochs: '40',
    batchSize: '4',
    hide: 'lr-curve lr-finder',
    config: JSON.stringify({ dataset: { type: 'custom', points: STARTER_POINTS } }),
  },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    const editor = part<HTMLElement & { points: number[][] }>(el, 'point-editor');
    const cursor = editor.shadowRoot!.querySelector<SVGElement>('.cursor-target')!;
    cursor.focus();
    // Two steps right and two up (0.06 each), class 1; then two coarse steps (0.3) left, class 0.
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowUp}{ArrowUp}{Enter}');
    const class0 = editor.shadowRoot!.querySelector<HTMLInputElement>('input[value="0"]')!;
    await userEvent.click(class0);
    cursor.focus();
    await userEvent.keyboard('{Shift>}{ArrowLeft}{ArrowLeft}{/Shift}{Enter}');
    await waitFor(() => expect(editor.points).toHaveLength(STARTER_POINTS.length + 2));
    await expect(editor.points.at(-2)).toEqual([0.12, 0.12, 1]);
    await expect(editor.points.at(-1)).toEqual([-0.48, 0.12, 0]);
    await expect(el.experiment.dataset).toEqual({ type: 'custom', points: editor.points });
    await userEvent.click(part(el, 'play-button'));
    await waitFor(() => expect(el.state).toBe('done'), { timeout: 90_000 });
  },
};

/**
 * Share: copy this lab's link, then restore the lab from it after changing a setting. (On a
 * page, a lab with the share attribute reads such a link's fragment by itself.)
 */
export const Share: Story = {
  args: { id: 'shared-lab', share: true, dataset: 'moons', optimizer: 'SGD Adam' },
  play: async ({ canvasElement }) => {
    const el = await lab(canvasElement);
    await userEvent.click(part(el, 'share-button'));
    await userEvent.click(part(el, 'copy-link'));
    const output = await waitFor(() => part<HTMLTextAreaElement>(el, 'share-output'));
    const link = output.value;
    await expect(new URL(link).hash).toMatch(/^#optim-lab:shared-lab=v1\./);
    const shared = el.experiment;
    // Change the dataset, then paste the link back.
    const select = part<HTMLSelectElement>(el, 'dataset-select');
    await userEvent.selectOptions(select, 'xor');
    await expect(el.experiment.dataset?.type).toBe('xor');
    await userEvent.type(part(el, 'restore-input'), link);
    await userEvent.click(part(el, 'restore'));
    await waitFor(() => expect(el.experiment).toEqual(shared));
    await expect(part(el, 'share-status').textContent).toContain('Restored the lab');
  },
};
