import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/optim-procedure/index';
import type { OptimProcedure, ProcedureStepDetail } from '../components/optim-procedure/index';
import type { OptimLab } from '../components/optim-lab/index';

interface OptimProcedureArgs {
  dataset: string;
  layers: string;
  epochs: string;
  batchSize?: string;
  backend: string;
  preset: string;
  config?: string;
  step?: number;
  id?: string;
  share?: boolean;
}

const meta = {
  title: 'Elements/optim-procedure',
  component: 'optim-procedure',
  tags: ['autodocs'],
  render: (args) =>
    html`<optim-procedure
      dataset=${args.dataset}
      layers=${args.layers}
      epochs=${args.epochs}
      batch-size=${args.batchSize ?? nothing}
      backend=${args.backend}
      preset=${args.preset}
      config=${args.config ?? nothing}
      step=${args.step ?? nothing}
      id=${args.id ?? nothing}
      ?share=${args.share ?? false}
    ></optim-procedure>`,
  // Small enough for every story to train in seconds on the cpu backend.
  args: {
    dataset: 'spiral',
    layers: '8',
    epochs: '2',
    backend: 'cpu',
    preset: 'resnet',
    config: '{"dataset":{"samples":200}}',
  },
  argTypes: {
    dataset: {
      control: 'select',
      options: ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'checkerboard', 'sine', 'plane'],
    },
    layers: { control: 'text', description: 'Hidden layer widths, e.g. "32,32".' },
    epochs: { control: 'text' },
    batchSize: { control: 'text' },
    backend: { control: 'select', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
    preset: { control: 'select', options: ['resnet', 'transformer', 'fastai'] },
    config: { control: 'text', description: 'The problem as experiment JSON.' },
    step: { control: { type: 'number', min: 0, max: 7 } },
    share: {
      control: 'boolean',
      description:
        "Read the procedure's state from the page's URL fragment (#optim-procedure:<id>=…).",
    },
    id: { control: 'text', description: "Names the procedure's entry in a shared link." },
  },
} satisfies Meta<OptimProcedureArgs>;
export default meta;

type Story = StoryObj<OptimProcedureArgs>;

async function procedure(canvasElement: HTMLElement): Promise<OptimProcedure> {
  const el = canvasElement.querySelector('optim-procedure');
  if (!el) throw new Error('no <optim-procedure> rendered');
  await el.updateComplete;
  return el;
}
const part = <T extends Element = HTMLElement>(el: Element, name: string): T => {
  const found = el.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}"`);
  return found;
};
const headingText = (el: OptimProcedure) => part(el, 'step-heading').textContent?.trim();

/** Walk the eight steps with Next, then back with Back; focus follows the step heading. */
export const WalkTheSteps: Story = {
  play: async ({ canvasElement }) => {
    const el = await procedure(canvasElement);
    const steps: number[] = [];
    el.addEventListener('procedure-step', (e: CustomEvent<ProcedureStepDetail>) =>
      steps.push(e.detail.step),
    );
    for (let i = 1; i < 8; i++) {
      await userEvent.click(part(el, 'next-button'));
      await el.updateComplete;
    }
    await expect(headingText(el)).toBe('Hyperparameter search, a last resort');
    await expect(el.shadowRoot!.activeElement).toBe(part(el, 'step-heading'));
    await userEvent.click(part(el, 'back-button'));
    await el.updateComplete;
    await expect(headingText(el)).toBe('AutoML, a last resort');
    await expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 6]);
  },
};

/** Step 2: train the grid around the ResNet-style recipe and adopt the best run. */
export const GridSearchAdopt: Story = {
  args: { step: 1 },
  play: async ({ canvasElement }) => {
    const el = await procedure(canvasElement);
    const lab = part<OptimLab>(el, 'lab');
    await lab.updateComplete;
    await userEvent.click(part(lab, 'play-button'));
    const adopt = await waitFor(() => part(el, 'adopt-button'), { timeout: 90_000 });
    const best = part(el, 'ranking').querySelector('tbody th')!.textContent!.trim();
    await userEvent.click(adopt);
    const [, lr] = /lr=([\d.e-]+)/.exec(best)!;
    await expect(el.recipe.runs[0].optimizer).toMatchObject({ type: 'SGD', lr: Number(lr) });
    await expect(part(el, 'adoption').textContent).toContain(best);
  },
};

/** Step 3: the LR range test with Adam on the moons, then adopt fastai's valley. */
export const LrRangeTest: Story = {
  args: { step: 2, dataset: 'moons' },
  play: async ({ canvasElement }) => {
    const el = await procedure(canvasElement);
    await userEvent.click(part(el, 'find-lr-button'));
    const plot = await waitFor(() => part(el, 'lr-finder-plot'), { timeout: 90_000 });
    const valley = await waitFor(() => {
      const button = plot.shadowRoot?.querySelector<HTMLButtonElement>('[part="use-valley"]');
      if (!button) throw new Error('no valley yet');
      return button;
    });
    await userEvent.click(valley);
    await waitFor(() => expect(el.recipe.runs[0].optimizer.type).toBe('Adam'));
  },
};

/** The recipe as a PyTorch script, from the button beside Back and Next. */
export const PyTorchScript: Story = {
  args: { preset: 'fastai' },
  play: async ({ canvasElement }) => {
    const el = await procedure(canvasElement);
    const exporter = part(el, 'pytorch');
    await userEvent.click(
      exporter.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!,
    );
    const script = await waitFor(() => {
      const field = exporter.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="script"]');
      if (!field) throw new Error('no script yet');
      return field.value;
    });
    await expect(script).toContain('lr_scheduler.OneCycleLR(');
    await userEvent.click(
      exporter.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!,
    );
  },
};

/** Invalid attributes: the procedure says what is wrong and goes on with its defaults. */
export const InvalidAttributes: Story = {
  args: { preset: 'adam', dataset: 'spirals' },
  play: async ({ canvasElement }) => {
    const el = await procedure(canvasElement);
    const problems = part(el, 'problems').textContent ?? '';
    await expect(problems).toContain('preset: expected one of resnet, transformer, fastai');
    await expect(problems).toContain('dataset: expected one of');
    await expect(el.recipe.dataset?.type).toBe('spiral');
  },
};

/**
 * Share: adopt the fastai preset, go to step 3, copy the link; then go back, adopt another
 * preset, and come back from the link pasted into the panel. (On a page, a procedure with the share attribute
 * reads such a link's fragment by itself.)
 */
export const Share: Story = {
  args: { id: 'course', share: true },
  play: async ({ canvasElement }) => {
    const el = await procedure(canvasElement);
    el.shadowRoot!.querySelector<HTMLInputElement>('#preset-fastai')!.click();
    el.next();
    el.next();
    await el.updateComplete;
    await userEvent.click(part(el, 'share-button'));
    await userEvent.click(part(el, 'copy-link'));
    const output = await waitFor(() => part<HTMLTextAreaElement>(el, 'share-output'));
    const link = output.value;
    await expect(new URL(link).hash).toMatch(/^#optim-procedure:course=v1\./);
    const recipe = el.recipe;
    el.back();
    el.back();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('#preset-transformer')!.click();
    await el.updateComplete;
    await expect(el.step).toBe(0);
    await expect(el.recipe).not.toEqual(recipe);
    await userEvent.type(part(el, 'restore-input'), link);
    await userEvent.click(part(el, 'restore'));
    await waitFor(() => expect(el.step).toBe(2));
    await expect(el.recipe).toEqual(recipe);
    await expect(part(el, 'share-status').textContent).toContain('Restored the procedure');
  },
};
