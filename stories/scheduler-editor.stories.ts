import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../components/scheduler-editor/index';
import type { SchedulerEditor } from '../components/scheduler-editor/index';
import type { SchedulerConfigInput } from '../src/protocol/horizon';

interface EditorArgs {
  value: SchedulerConfigInput;
  baseLr: number;
  steps: number;
  followSteps: boolean;
  label: string;
  onChange: (event: Event) => void;
}

const meta = {
  title: 'Elements/scheduler-editor',
  component: 'scheduler-editor',
  tags: ['autodocs'],
  render: (args) =>
    html`<scheduler-editor
      .value=${args.value}
      .baseLr=${args.baseLr}
      .steps=${args.steps}
      ?follow-steps=${args.followSteps}
      label=${args.label}
      @change=${args.onChange}
    ></scheduler-editor>`,
  args: {
    value: { type: 'CosineAnnealingLR', tMax: 100 },
    baseLr: 0.1,
    steps: 100,
    followSteps: false,
    label: 'Scheduler',
    onChange: fn(),
  },
  argTypes: {
    value: { control: 'object', description: 'The SchedulerConfig being edited.' },
    baseLr: { control: { type: 'number', min: 1e-5, max: 10, step: 0.01 } },
    steps: { control: { type: 'number', min: 1, max: 10000, step: 1 } },
    followSteps: {
      control: 'boolean',
      description:
        "Lengths that span the training (OneCycleLR's totalSteps, ...) follow `steps` while empty.",
    },
    label: { control: 'text' },
    onChange: { table: { disable: true } },
  },
} satisfies Meta<EditorArgs>;
export default meta;

/**
 * Select what the box holds and type over it. (user-event's clear() checks
 * document.activeElement, which is the host, not the input, inside a shadow root.)
 */
async function replaceText(box: HTMLInputElement, text: string): Promise<void> {
  await userEvent.type(box, text, {
    initialSelectionStart: 0,
    initialSelectionEnd: box.value.length,
  });
}

type Story = StoryObj<EditorArgs>;

async function editor(canvasElement: HTMLElement): Promise<SchedulerEditor> {
  const el = canvasElement.querySelector('scheduler-editor')!;
  await el.updateComplete;
  return el;
}
const control = <T extends Element = HTMLInputElement>(el: SchedulerEditor, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;

export const Cosine: Story = {};

export const WarmupThenCosine: Story = {
  args: {
    value: {
      type: 'SequentialLR',
      schedulers: [
        { type: 'LinearLR', startFactor: 0.1, totalIters: 10 },
        { type: 'CosineAnnealingLR', tMax: 90 },
      ],
      milestones: [10],
    },
  },
};

export const OneCycle: Story = {
  args: { value: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 } },
};

/**
 * As in a lab's run card: OneCycleLR's totalSteps left empty follows the training length
 * (`steps`); the preview spans it, and a number typed in fixes it.
 */
export const FollowsTheTraining: Story = {
  args: { value: { type: 'OneCycleLR', maxLr: 0.1 }, steps: 250, followSteps: true },
  play: async ({ canvasElement, args }) => {
    const el = await editor(canvasElement);
    const box = control(el, '#sch-totalSteps');
    await expect(box.value).toBe('');
    await expect(control(el, '#sch-totalSteps-hint').textContent).toBe(
      'Follows the training length, now 250 steps. A number fixes it.',
    );
    const curve = control<HTMLElementTagNameMap['lr-curve']>(el, 'lr-curve');
    await expect(curve.schedule).toEqual({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 250 });
    await replaceText(box, '100');
    // What the browser sends when the box loses focus (user-event's tab() cannot move focus
    // out of a shadow root).
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(args.onChange).toHaveBeenCalled());
    await expect(el.value).toEqual({ type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 });
  },
};

export const Milestones: Story = {
  args: { value: { type: 'MultiStepLR', milestones: [30, 60, 90], gamma: 0.1 } },
  play: async ({ canvasElement, args }) => {
    const el = await editor(canvasElement);
    await userEvent.click(
      control<HTMLButtonElement>(el, 'button[aria-label="Remove milestone 2"]'),
    );
    await waitFor(() => expect(args.onChange).toHaveBeenCalled());
    await expect(el.value).toEqual({ type: 'MultiStepLR', milestones: [30, 90], gamma: 0.1 });
  },
};

/** A typo in the lrLambda expression: the caret points at it and nothing is committed. */
export const ExpressionTypo: Story = {
  args: { value: { type: 'LambdaLR', lrLambda: '0.95 ** epoch' } },
  play: async ({ canvasElement, args }) => {
    const el = await editor(canvasElement);
    const box = control(el, '#sch-lrLambda');
    await replaceText(box, '0.95 ** epch{enter}');
    await waitFor(() => expect(control(el, '[part~="caret"]')).not.toBeNull());
    // "0.95 ** " is 8 characters: the caret sits under column 9.
    await expect(control(el, '[part~="caret"]').textContent).toBe(
      `0.95 ** epch\n${' '.repeat(8)}^`,
    );
    await expect(args.onChange).not.toHaveBeenCalled();
  },
};
