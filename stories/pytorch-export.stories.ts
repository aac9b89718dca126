import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../components/pytorch-export/index';
import type { PytorchExport } from '../components/pytorch-export/index';
import type { ExperimentConfigInput } from '../src/protocol/experiment';

interface PytorchExportArgs {
  config: ExperimentConfigInput;
  filename: string;
  label: string;
}

const meta = {
  title: 'Elements/optim-pytorch-export',
  component: 'optim-pytorch-export',
  tags: ['autodocs'],
  render: (args) =>
    html`<optim-pytorch-export
      .config=${args.config}
      filename=${args.filename}
      label=${args.label}
    ></optim-pytorch-export>`,
  args: {
    config: {
      dataset: { type: 'moons', samples: 60 },
      model: { hidden: [8] },
      training: { epochs: 5 },
      runs: [
        { optimizer: { type: 'SGD', lr: 0.1, momentum: 0.9, nesterov: true } },
        {
          optimizer: { type: 'AdamW', lr: 0.01 },
          scheduler: { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 10 },
        },
      ],
    },
    filename: 'moons.py',
    label: 'PyTorch',
  },
  argTypes: {
    config: { control: 'object', description: 'The experiment to export.' },
  },
} satisfies Meta<PytorchExportArgs>;
export default meta;

type Story = StoryObj<PytorchExportArgs>;

/** Open the dialog from the keyboard, read the script, close it (Escape: the browser tests). */
export const OpenWithKeyboard: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<PytorchExport>('optim-pytorch-export')!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(el.open).toBe(true));
    await expect(el.script).toContain('torch.optim.SGD(');
    await expect(el.script).toContain('lr_scheduler.OneCycleLR(');
    await userEvent.click(
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!,
    );
    await waitFor(() => expect(el.open).toBe(false));
  },
};
