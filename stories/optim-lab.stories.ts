import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/optim-lab/index';
import type { OptimLab, OptimProgressDetail } from '../components/optim-lab/index';

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
