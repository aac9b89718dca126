import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import '../components/swa-editor/index';
import type { SwaEditor } from '../components/swa-editor/index';
import type { SwaConfigInput } from '../src/protocol/swa';

interface EditorArgs {
  value: SwaConfigInput | null;
  baseLr: number;
  epochs: number;
  label: string;
  onChange: (event: Event) => void;
}

const meta = {
  title: 'Elements/swa-editor',
  component: 'swa-editor',
  tags: ['autodocs'],
  render: (args) =>
    html`<swa-editor
      .value=${args.value}
      .baseLr=${args.baseLr}
      .epochs=${args.epochs}
      label=${args.label}
      @change=${args.onChange}
    ></swa-editor>`,
  args: {
    value: { start: 30, swaLr: 0.05 },
    baseLr: 0.1,
    epochs: 40,
    label: 'Stochastic Weight Averaging',
    onChange: fn(),
  },
  argTypes: {
    value: { control: 'object', description: "The run's swa option, or null for none." },
    baseLr: { control: { type: 'number', min: 1e-5, max: 10, step: 0.01 } },
    epochs: { control: { type: 'number', min: 1, max: 1000, step: 1 } },
    label: { control: 'text' },
    onChange: { table: { disable: true } },
  },
} satisfies Meta<EditorArgs>;
export default meta;

type Story = StoryObj<EditorArgs>;

async function editor(canvasElement: HTMLElement): Promise<SwaEditor> {
  const el = canvasElement.querySelector('swa-editor')!;
  await el.updateComplete;
  return el;
}

export const Averaging: Story = {
  play: async ({ canvasElement, args }) => {
    const el = await editor(canvasElement);
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('#swa-annealEpochs')!;
    await userEvent.type(box, '3', {
      initialSelectionStart: 0,
      initialSelectionEnd: box.value.length,
    });
    await expect(box.value).toBe('3');
    // What Enter or leaving the box does in a browser: commit (user-event's focus does not
    // follow into a shadow root, so the change is sent here).
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(args.onChange).toHaveBeenCalled());
    await expect(el.value).toEqual({ start: 30, swaLr: 0.05, annealEpochs: 3 });
  },
};

export const Off: Story = {
  args: { value: null },
  play: async ({ canvasElement }) => {
    const el = await editor(canvasElement);
    await userEvent.click(el.shadowRoot!.querySelector<HTMLInputElement>('#swa-on')!);
    await expect(el.value).toEqual({
      start: 30,
      swaLr: 0.1,
      annealEpochs: 10,
      annealStrategy: 'cos',
    });
  },
};
