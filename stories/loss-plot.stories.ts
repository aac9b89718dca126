import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import '../components/loss-plot/index';
import type { LossPlot, RunSpec } from '../components/loss-plot/index';

interface LossPlotArgs {
  runs: number;
  points: number;
  smoothing: number;
  log: boolean;
  withValidation: boolean;
  /** Runs with a Stochastic Weight Averaging curve (the first `n` runs). */
  withSwa: number;
  streaming: boolean;
}

const NAMES = ['SGD', 'SGD + momentum', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'NAdam', 'Lion-ish'];

/** A seeded generator so every story draws the same noisy curves. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS_PER_EPOCH = 100;

/** A plausible loss curve: fast early drop, a floor that differs per run, noise. */
function lossChunk(run: number, from: number, count: number, random: () => number) {
  const steps = Int32Array.from({ length: count }, (_, i) => from + i);
  const scale = 200 + 150 * run;
  const floor = 0.02 + 0.03 * run;
  const loss = Float32Array.from(
    steps,
    (s) => floor + 1.5 / (1 + s / scale) + 0.15 * (random() - 0.5),
  );
  const epochs = Float32Array.from(steps, (s) => s / STEPS_PER_EPOCH);
  return { steps, loss, epochs };
}

function feedValidation(el: LossPlot, id: string, run: number, upTo: number): void {
  const evalSteps = Int32Array.from({ length: Math.floor(upTo / 500) }, (_, i) => (i + 1) * 500);
  const valLoss = Float32Array.from(
    evalSteps,
    (s) => 0.08 + 0.04 * run + 1.5 / (1 + s / (200 + 150 * run)),
  );
  el.appendEval(id, { steps: evalSteps, valLoss });
}

/** An SWA average from the curve's middle on: a little below and smoother than validation. */
function feedSwa(el: LossPlot, id: string, run: number, upTo: number): void {
  const from = Math.floor(upTo / 1000) * 500;
  const steps = Int32Array.from(
    { length: Math.floor((upTo - from) / 500) },
    (_, i) => from + (i + 1) * 500,
  );
  const valLoss = Float32Array.from(
    steps,
    (s) => 0.06 + 0.04 * run + 1.3 / (1 + s / (200 + 150 * run)),
  );
  el.appendSwaEval(id, { steps, valLoss });
}

const meta = {
  title: 'Elements/loss-plot',
  component: 'loss-plot',
  tags: ['autodocs'],
  render: (args) => {
    const el = document.createElement('loss-plot');
    el.smoothing = args.smoothing;
    el.log = args.log;
    const specs: RunSpec[] = NAMES.slice(0, args.runs).map((label, i) => ({
      id: `run-${i}`,
      label,
    }));
    el.setRuns(specs);
    const random = mulberry32(42);
    if (!args.streaming) {
      specs.forEach((spec, i) => {
        el.appendLoss(spec.id, lossChunk(i, 0, args.points, random));
        if (args.withValidation) feedValidation(el, spec.id, i, args.points);
        if (i < args.withSwa) feedSwa(el, spec.id, i, args.points);
      });
      return el;
    }
    // Streaming: a batch per run every 50 ms, as the trainer's progress messages arrive.
    let step = 0;
    const timer = setInterval(() => {
      if (step > 0 && !el.isConnected) return clearInterval(timer);
      specs.forEach((spec, i) => el.appendLoss(spec.id, lossChunk(i, step, 50, random)));
      step += 50;
      if (step >= args.points) clearInterval(timer);
    }, 50);
    return el;
  },
  args: {
    runs: 3,
    points: 3000,
    smoothing: 0.6,
    log: false,
    withValidation: true,
    withSwa: 0,
    streaming: false,
  },
  argTypes: {
    runs: { control: { type: 'range', min: 1, max: 8 } },
    points: { control: { type: 'number', min: 10, max: 20_000 } },
    smoothing: { control: { type: 'range', min: 0, max: 0.99, step: 0.01 } },
    log: { control: 'boolean' },
    withValidation: { control: 'boolean' },
    withSwa: { control: { type: 'range', min: 0, max: 8 } },
    streaming: { control: 'boolean' },
  },
} satisfies Meta<LossPlotArgs>;
export default meta;

type Story = StoryObj<LossPlotArgs>;

async function plot(canvasElement: HTMLElement): Promise<LossPlot> {
  const el = canvasElement.querySelector('loss-plot')!;
  await el.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await el.updateComplete;
  return el;
}
const part = <T extends Element = HTMLElement>(el: LossPlot, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part="${name}"]`)!;

export const ThreeRuns: Story = {
  play: async ({ canvasElement }) => {
    const el = await plot(canvasElement);
    await expect(part(el, 'summary').textContent).toMatch(
      /^3 runs; latest loss: SGD [\d.]+ at step 2999/,
    );
    part(el, 'cursor-area').focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    await expect(part(el, 'readout').textContent).toContain('Adam: loss');
  },
};

/** Two runs with Stochastic Weight Averaging: their averages' validation loss dotted. */
export const WithSwaAverages: Story = {
  args: { withSwa: 2 },
  play: async ({ canvasElement }) => {
    const el = await plot(canvasElement);
    const legend = [...el.shadowRoot!.querySelectorAll('[part="legend-item"]')];
    await expect(legend.map((item) => item.textContent?.trim())).toEqual([
      'SGD',
      'SGD: SWA average (validation, dotted)',
      'SGD + momentum',
      'SGD + momentum: SWA average (validation, dotted)',
      'Adam',
    ]);
    await expect(part(el, 'summary').textContent).toContain(
      'SWA average validation loss (dotted): SGD',
    );
  },
};

export const LogScale: Story = {
  args: { log: true },
  play: async ({ canvasElement }) => {
    const el = await plot(canvasElement);
    await userEvent.click(part(el, 'log-toggle'));
    await el.updateComplete;
    await expect(el.log).toBe(false);
  },
};

export const EightRunsTwentyThousandPoints: Story = {
  args: { runs: 8, points: 20_000, withValidation: false },
};

export const RawOnly: Story = {
  args: { smoothing: 0 },
};

export const Streaming: Story = {
  args: { streaming: true, points: 5000 },
};
