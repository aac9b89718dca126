import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/loss-surface/index';
import type { LossSurface } from '../components/loss-surface/index';
import { PRESET_IDS } from '../components/loss-surface/presets';

interface LossSurfaceArgs {
  preset?: string;
  function?: string;
  expression?: string;
  condition?: string;
  optimizers?: string;
  runs?: string;
  start?: string;
  view?: string;
  steps?: string;
  autoplay: boolean;
}

const meta = {
  title: 'Elements/loss-surface',
  component: 'loss-surface',
  tags: ['autodocs'],
  render: (args) =>
    html`<loss-surface
      preset=${args.preset ?? nothing}
      function=${args.function ?? nothing}
      expression=${args.expression ?? nothing}
      condition=${args.condition ?? nothing}
      optimizers=${args.optimizers ?? nothing}
      runs=${args.runs ?? nothing}
      start=${args.start ?? nothing}
      view=${args.view ?? nothing}
      steps=${args.steps ?? nothing}
      ?autoplay=${args.autoplay}
    ></loss-surface>`,
  args: { autoplay: false },
  argTypes: {
    preset: { control: 'select', options: [undefined, ...PRESET_IDS] },
    function: {
      control: 'select',
      options: [
        undefined,
        'rosenbrock',
        'beale',
        'himmelblau',
        'saddle',
        'quadratic',
        'rastrigin',
        'expression',
      ],
    },
    expression: { control: 'text', description: 'f(x, y) for function="expression".' },
    condition: { control: 'text', description: "The quadratic's c." },
    optimizers: { control: 'text', description: 'Shorthand runs, e.g. "SGD Adam RMSprop".' },
    runs: { control: 'text', description: 'JSON: [{ "optimizer": {...}, "scheduler"?: {...} }].' },
    start: { control: 'text', description: '"x,y"' },
    view: { control: 'text', description: '"x min, x max, y min, y max"' },
    steps: { control: 'text' },
    autoplay: { control: 'boolean' },
  },
} satisfies Meta<LossSurfaceArgs>;
export default meta;

type Story = StoryObj<LossSurfaceArgs>;

/** The element, once every trajectory is computed and drawn. */
async function surface(canvasElement: HTMLElement): Promise<LossSurface> {
  const el = canvasElement.querySelector('loss-surface')!;
  await el.updateComplete;
  // The first computation also starts the worker (in Storybook's dev server, a cold start).
  await el.computeComplete;
  await el.updateComplete;
  await expect(el.trajectories.length).toBeGreaterThan(0);
  return el;
}
const part = <T extends Element = HTMLElement>(el: LossSurface, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const rowText = (el: LossSurface, key: string) =>
  el.shadowRoot!.querySelector(`[part="numbers-table"] tr[data-key="${key}"]`)?.textContent ?? '';

/** Moves the step slider (its arrow keys are tested in real Chromium: the story's simulated
 * keyboard does not move range inputs). */
async function showStep(el: LossSurface, step: number): Promise<void> {
  const slider = part<HTMLInputElement>(el, 'step-slider');
  slider.value = String(step);
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
  await expect(part(el, 'step-output').textContent).toContain(`step ${step} of`);
}

async function pickRun(el: LossSurface, label: string): Promise<void> {
  const index = el.trajectories.findIndex((t) => t.label === label);
  await expect(index).toBeGreaterThanOrEqual(0);
  // Options are valued by run index (labels may repeat).
  await userEvent.selectOptions(part<HTMLSelectElement>(el, 'run-select'), String(index));
  await el.updateComplete;
  await expect(part(el, 'numbers-table').querySelector('caption')?.textContent).toContain(label);
}

export const OptimizerZoo: Story = {
  args: { preset: 'optimizer-zoo' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await expect(el.shadowRoot!.querySelectorAll('[part="legend-item"]')).toHaveLength(12);
    await userEvent.click(part(el, 'reset-button'));
    await userEvent.click(part(el, 'step-button'));
    await el.updateComplete;
    await expect(part(el, 'position').textContent?.trim()).toBe('step 1 of 300');
  },
};

export const MomentumVsNesterov: Story = {
  args: { preset: 'momentum-vs-nesterov' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await pickRun(el, 'Nesterov');
    await showStep(el, 5);
    // The look-ahead point θ - γμb: in the table and on the plot.
    await expect(rowText(el, 'look-ahead')).toMatch(/look-ahead/);
    await expect(el.shadowRoot!.querySelector('.look-ahead')).not.toBeNull();
  },
};

export const AdamVsAdamW: Story = {
  args: { preset: 'adam-vs-adamw' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await pickRun(el, 'AdamW, weightDecay 0.5 (decoupled)');
    await showStep(el, 3);
    await expect(rowText(el, 'bias_correction1')).toContain(
      String(Number((1 - 0.9 ** 3).toPrecision(6))),
    );
    // The decoupled decay's line: θ shrunk by (1 - γλ) before the Adam step.
    await expect(part(el, 'math').querySelector('annotation')?.textContent).toContain(
      '(1-\\gamma\\lambda)',
    );
  },
};

export const AdaptiveSteps: Story = {
  args: { preset: 'adaptive-steps' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await pickRun(el, 'Adagrad');
    await showStep(el, 2);
    await expect(rowText(el, 'state.sum')).toContain("state['sum']");
    await expect(rowText(el, 'clr')).toContain('decayed lr');
  },
};

export const EscapingASaddle: Story = {
  args: { preset: 'saddle' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await expect(part(el, 'messages').textContent).toContain('RMSprop left the view box at step');
  },
};

export const WarmRestarts: Story = {
  args: { preset: 'warm-restarts' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await pickRun(el, 'SGD + warm restarts (lr 0.013, T0 60)');
    // Step 61 starts the second cycle: the lr jumps back to 0.013.
    await showStep(el, 61);
    await expect(rowText(el, 'lr')).toContain('0.013');
  },
};

export const ScheduleOnTheLandscape: Story = {
  args: { preset: 'schedules' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await expect(part(el, 'messages').textContent).toMatch(
      /StepLR from lr 0.03 diverged at step \d+/,
    );
  },
};

export const OwnExpression: Story = {
  args: {
    function: 'expression',
    expression: 'sin(x) * cos(y) + 0.1 * (x ** 2 + y ** 2)',
    optimizers: 'SGD+momentum Adam RMSprop',
    start: '2.5,2',
    steps: '200',
  },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    const handle = part(el, 'start-handle');
    handle.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(el.trajectories[0].points[0][0]).toBeCloseTo(2.38, 5));
  },
};

export const InvalidAttribute: Story = {
  args: { function: 'rosenbrock', optimizers: 'SGD Adamm', steps: '50' },
  play: async ({ canvasElement }) => {
    const el = await surface(canvasElement);
    await expect(part(el, 'problems').textContent).toContain(
      'optimizers: unknown optimizer "Adamm"',
    );
  },
};
