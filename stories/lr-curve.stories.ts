import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import '../components/lr-curve/index';
import type { LrCurve } from '../components/lr-curve/index';
import type { SchedulerConfig } from '../src/schedule/types';

interface LrCurveArgs {
  schedule: SchedulerConfig;
  baseLr: number;
  steps: number;
  currentStep?: number;
  log: boolean;
}

const meta = {
  title: 'Elements/lr-curve',
  component: 'lr-curve',
  tags: ['autodocs'],
  render: (args) =>
    html`<lr-curve
      .schedule=${args.schedule}
      base-lr=${args.baseLr}
      steps=${args.steps}
      .currentStep=${args.currentStep}
      ?log=${args.log}
    ></lr-curve>`,
  args: {
    schedule: { type: 'StepLR', stepSize: 30, gamma: 0.1 },
    baseLr: 0.1,
    steps: 100,
    log: false,
  },
  argTypes: {
    schedule: {
      control: 'object',
      description: 'A SchedulerConfig (PyTorch class name + options).',
    },
    baseLr: { control: { type: 'number', min: 1e-6, step: 0.001 } },
    steps: { control: { type: 'number', min: 1, max: 100_000 } },
    currentStep: { control: { type: 'number', min: 0 } },
    log: { control: 'boolean' },
  },
} satisfies Meta<LrCurveArgs>;
export default meta;

type Story = StoryObj<LrCurveArgs>;

async function curve(canvasElement: HTMLElement): Promise<LrCurve> {
  const el = canvasElement.querySelector('lr-curve')!;
  await el.updateComplete;
  return el;
}
const part = <T extends Element = HTMLElement>(el: LrCurve, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part="${name}"]`)!;

export const StepLR: Story = {
  play: async ({ canvasElement }) => {
    const el = await curve(canvasElement);
    part(el, 'cursor-area').focus();
    await userEvent.keyboard('{Home}{PageUp}{PageUp}{PageUp}');
    await el.updateComplete;
    // 0.1 * 0.1^floor(30 / 30)
    await expect(part(el, 'readout').textContent?.trim()).toBe('step 30: lr 0.01');
  },
};

export const StepLRLogScale: Story = {
  args: { log: true },
  play: async ({ canvasElement }) => {
    const el = await curve(canvasElement);
    await expect(part(el, 'log-toggle').getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(part(el, 'log-toggle'));
    await el.updateComplete;
    await expect(el.log).toBe(false);
  },
};

export const CosineWarmRestarts: Story = {
  args: { schedule: { type: 'CosineAnnealingWarmRestarts', t0: 50, tMult: 2 }, steps: 350 },
};

export const OneCycleWithMomentum: Story = {
  args: { schedule: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 1000 }, steps: 1000 },
  play: async ({ canvasElement }) => {
    const el = await curve(canvasElement);
    await expect(part(el, 'momentum-line')).toBeTruthy();
  },
};

export const WarmupThenCosine: Story = {
  args: {
    schedule: {
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.01, totalIters: 100 },
        { type: 'CosineAnnealingLR', tMax: 900 },
      ],
      milestones: [100],
    },
    steps: 1000,
    currentStep: 420,
  },
};

export const InvalidSchedule: Story = {
  args: { schedule: { type: 'StepLR', stepSize: -3 } },
  play: async ({ canvasElement }) => {
    const el = await curve(canvasElement);
    await expect(part(el, 'error').getAttribute('role')).toBe('alert');
  },
};
