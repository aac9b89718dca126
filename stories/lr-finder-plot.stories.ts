import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import '../components/lr-finder-plot/index';
import type { LrFinderPlot } from '../components/lr-finder-plot/index';
import type { LrFinderResult } from '../src/protocol/api';

interface LrFinderPlotArgs {
  result: LrFinderResult;
}

/**
 * A made-up but typical range test: 80 lrs from 1e-6 to 10; the loss sits at 0.69 (a coin
 * toss), falls from about 1e-3 on, bottoms out near 0.3 and blows up past lr 1.
 */
function typicalRun(): LrFinderResult {
  const n = 80;
  const lr = new Float32Array(n);
  const loss = new Float32Array(n);
  const smoothedLoss = new Float32Array(n);
  let average = 0;
  for (let i = 0; i < n; i++) {
    const log10 = -6 + (7 * i) / (n - 1);
    lr[i] = 10 ** log10;
    const fall = 0.39 / (1 + Math.exp(-2.5 * (log10 + 2)));
    const blowUp = log10 > 0 ? 2 * log10 ** 2 : 0;
    loss[i] = 0.69 - fall + blowUp + 0.03 * Math.sin(i * 1.7);
    average = 0.9 * average + 0.1 * loss[i];
    smoothedLoss[i] = average / (1 - 0.9 ** (i + 1));
  }
  return {
    lr,
    loss,
    smoothedLoss,
    stoppedEarly: false,
    suggestion: { steepest: 0.01, minimumDiv10: 0.02, valley: 0.005 },
  };
}

const meta = {
  title: 'Elements/lr-finder-plot',
  component: 'lr-finder-plot',
  tags: ['autodocs'],
  render: (args) => html`<lr-finder-plot .result=${args.result}></lr-finder-plot>`,
  args: { result: typicalRun() },
  argTypes: { result: { control: false, description: 'What findLr returned.' } },
} satisfies Meta<LrFinderPlotArgs>;
export default meta;

type Story = StoryObj<LrFinderPlotArgs>;

async function plot(canvasElement: HTMLElement): Promise<LrFinderPlot> {
  const el = canvasElement.querySelector('lr-finder-plot')!;
  await el.updateComplete;
  return el;
}
const part = <T extends Element = HTMLElement>(el: LrFinderPlot, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part="${name}"]`)!;

export const Typical: Story = {
  play: async ({ canvasElement }) => {
    const el = await plot(canvasElement);
    part(el, 'cursor-area').focus();
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    await expect(part(el, 'readout').textContent).toMatch(/^lr 1\.00e-6: loss/);
    const picks: number[] = [];
    el.addEventListener('lr-pick', (e) => picks.push(e.detail.lr));
    await userEvent.click(part(el, 'use-steepest'));
    await expect(picks).toEqual([0.01]);
  },
};

export const Empty: Story = {
  args: { result: undefined as unknown as LrFinderResult },
  play: async ({ canvasElement }) => {
    const el = await plot(canvasElement);
    await expect(part(el, 'empty').textContent).toContain('No LR range test yet');
  },
};
