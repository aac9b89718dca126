import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../components/optimizer-picker/index';
import type { OptimizerPicker } from '../components/optimizer-picker/index';
import type { OptimizerConfig } from '../src/optim/types';

interface PickerArgs {
  value: OptimizerConfig;
  label: string;
  onInput: (event: Event) => void;
  onChange: (event: Event) => void;
}

const meta = {
  title: 'Elements/optimizer-picker',
  component: 'optimizer-picker',
  tags: ['autodocs'],
  render: (args) =>
    html`<optimizer-picker
      .value=${args.value}
      label=${args.label}
      @input=${args.onInput}
      @change=${args.onChange}
    ></optimizer-picker>`,
  args: {
    value: { type: 'Adam' },
    label: 'Optimizer',
    onInput: fn(),
    onChange: fn(),
  },
  argTypes: {
    value: { control: 'object', description: 'The OptimizerConfig being edited.' },
    label: { control: 'text' },
    onInput: { table: { disable: true } },
    onChange: { table: { disable: true } },
  },
} satisfies Meta<PickerArgs>;
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

type Story = StoryObj<PickerArgs>;

async function picker(canvasElement: HTMLElement): Promise<OptimizerPicker> {
  const el = canvasElement.querySelector('optimizer-picker')!;
  await el.updateComplete;
  return el;
}
const control = <T extends Element = HTMLInputElement>(el: OptimizerPicker, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;

export const Adam: Story = {};

export const NesterovSGD: Story = {
  args: { value: { type: 'SGD', lr: 0.05, momentum: 0.9, nesterov: true } },
};

export const AdamWWithWeightDecay: Story = {
  args: { value: { type: 'AdamW', lr: 3e-4, weightDecay: 0.05 } },
};

export const LookaheadAroundRAdam: Story = {
  args: { value: { type: 'Lookahead', k: 5, alpha: 0.5, optimizer: { type: 'RAdam' } } },
};

/** Type an exact learning rate: the slider follows and `change` carries the new config. */
export const TypeAnExactLr: Story = {
  play: async ({ canvasElement, args }) => {
    const el = await picker(canvasElement);
    const box = control(el, '#opt-lr');
    await replaceText(box, '0.01');
    await waitFor(() => expect(args.onInput).toHaveBeenCalled());
    // What the browser sends when the box loses focus (user-event's tab() cannot move focus
    // out of a shadow root).
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await expect(args.onChange).toHaveBeenCalledTimes(1);
    await expect(el.value).toEqual({ type: 'Adam', lr: 0.01 });
    // 0.01 = 10^(-5 + 6p) at p = 1/2: tick 300 of 600.
    await expect(control(el, '#opt-lr-slider').value).toBe('300');
  },
};

/** A beta of 1.2 is refused with a message that names the field; no `change`. */
export const InvalidBeta: Story = {
  play: async ({ canvasElement, args }) => {
    const el = await picker(canvasElement);
    const box = control(el, '#opt-betas-0');
    await replaceText(box, '1.2{enter}');
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
    await expect(control(el, '#opt-betas-0-error').textContent).toContain('betas[0]');
    await expect(args.onChange).not.toHaveBeenCalled();
  },
};
