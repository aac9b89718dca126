// <optim-pytorch-export> and the lab's "PyTorch" button in real Chromium: the dialog shows
// exactly toPyTorch(config), is labelled, takes focus and gives it back, closes on Escape;
// Copy really reaches the system clipboard (read back through CDP), by the Clipboard API and,
// with that refused, by the selection fallback; "Download .py" serves the same script.
import axe from 'axe-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../components/pytorch-export/index';
import type { PytorchExport } from '../../components/pytorch-export/index';
import { toPyTorch } from '../../src/export/index';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { emulateColorScheme, resetColorScheme } from './support/color-scheme';
import {
  grantClipboard,
  readClipboard,
  refuseClipboardWrites,
  resetClipboardPermissions,
  writeClipboard,
} from './support/clipboard';
import { deepActiveElement } from './support/focus';
import { mount as mountLab, part } from './support/lab';

const CONFIG: ExperimentConfigInput = {
  dataset: { type: 'moons', samples: 40 },
  model: { hidden: [4] },
  training: { epochs: 2 },
  runs: [
    {
      optimizer: { type: 'AdamW', lr: 0.01 },
      scheduler: { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 4 },
    },
  ],
};

let el: PytorchExport;

async function mount(config: ExperimentConfigInput | null = CONFIG): Promise<PytorchExport> {
  el = document.createElement('optim-pytorch-export');
  el.config = config ?? undefined;
  el.filename = 'moons.py';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(name: string) =>
  el.shadowRoot!.querySelector<T>(`[part="${name}"]`)!;

async function openWithKeyboard(): Promise<void> {
  $('button').focus();
  await userEvent.keyboard('{Enter}');
  await expect.poll(() => el.open).toBe(true);
  await el.updateComplete;
}

afterEach(() => el?.remove());
afterAll(resetClipboardPermissions);

describe('<optim-pytorch-export>', () => {
  it('shows exactly toPyTorch(config) in a labelled modal dialog, focus on Copy', async () => {
    await mount();
    expect($('button').getAttribute('aria-haspopup')).toBe('dialog');
    await openWithKeyboard();
    const dialog = $<HTMLDialogElement>('dialog');
    expect(dialog.matches(':modal')).toBe(true);
    const labelledBy = dialog.getAttribute('aria-labelledby')!;
    expect(el.shadowRoot!.getElementById(labelledBy)!.textContent).toBe('PyTorch script');
    const script = $<HTMLTextAreaElement>('script').value;
    expect(script).toBe(toPyTorch(CONFIG));
    expect(el.script).toBe(script);
    expect(script).toContain('lr_scheduler.OneCycleLR(');
    expect(deepActiveElement()).toBe($('copy-button'));
  });

  it('Escape closes it and gives focus back to the button; so does Close', async () => {
    await mount();
    await openWithKeyboard();
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => el.open).toBe(false);
    expect(deepActiveElement()).toBe($('button'));
    await openWithKeyboard();
    $('close-button').focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => el.open).toBe(false);
    expect(deepActiveElement()).toBe($('button'));
  });

  it('Copy puts the script on the clipboard and says so politely', async () => {
    await grantClipboard();
    await writeClipboard('before');
    await mount();
    await openWithKeyboard();
    await userEvent.keyboard('{Enter}'); // on Copy, which has focus
    await expect.poll(() => $('status').textContent).toBe('Copied the script to the clipboard.');
    expect($('status').getAttribute('aria-live')).toBe('polite');
    expect(await readClipboard()).toBe(toPyTorch(CONFIG));
  });

  it('with the Clipboard API refused, copies through the selection', async () => {
    await refuseClipboardWrites();
    await writeClipboard('before').catch(() => {}); // may be refused too: then it stays as it was
    await mount();
    await openWithKeyboard();
    await userEvent.click($('copy-button'));
    await expect.poll(() => $('status').textContent).not.toBe('');
    const field = $<HTMLTextAreaElement>('script');
    // The fallback selected the whole script in its field...
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);
    // ...and the browser's copy command put it on the clipboard.
    expect($('status').textContent).toBe('Copied the script to the clipboard.');
    await grantClipboard();
    expect(await readClipboard()).toBe(toPyTorch(CONFIG));
  });

  it('"Download .py" serves the same script under the given name', async () => {
    await mount();
    await openWithKeyboard();
    const link = $<HTMLAnchorElement>('download');
    expect(link.getAttribute('download')).toBe('moons.py');
    expect(link.textContent).toBe('Download .py');
    const response = await fetch(link.href);
    expect(await response.text()).toBe(toPyTorch(CONFIG));
  });

  it('an invalid experiment shows why in the dialog, and nothing breaks', async () => {
    await mount({ runs: [{ optimizer: { type: 'Adam', lr: -1 } }] });
    await openWithKeyboard();
    expect($('error').textContent).toMatch(
      /^There is no script for this experiment yet: runs\[0\]\.optimizer\.lr: /,
    );
    expect(el.shadowRoot!.querySelector('[part="script"]')).toBeNull();
    el.config = CONFIG;
    el.close();
    await openWithKeyboard();
    expect($<HTMLTextAreaElement>('script').value).toBe(toPyTorch(CONFIG));
  });

  it('is disabled without an experiment', async () => {
    await mount(null);
    expect($<HTMLButtonElement>('button').disabled).toBe(true);
  });

  describe.each(['light', 'dark'] as const)('%s theme', (scheme) => {
    beforeEach(() => emulateColorScheme(scheme));
    afterAll(resetColorScheme);

    it('axe finds no violations, closed or open', async () => {
      await mount();
      expect((await axe.run(el)).violations).toEqual([]);
      await openWithKeyboard();
      expect((await axe.run(el)).violations).toEqual([]);
    });
  });
});

describe('<optim-lab> "PyTorch" button', () => {
  it('shows the experiment the lab holds, edits included', async () => {
    const lab = await mountLab({
      dataset: 'circle',
      layers: '4',
      optimizer: 'SGD',
      lr: '0.1',
      epochs: '3',
      backend: 'cpu',
    });
    const exporter = part<PytorchExport>(lab, 'pytorch');
    const experiment = lab.experiment;
    expect(experiment.runs[0].optimizer).toEqual({ type: 'SGD', lr: 0.1 });
    await exporter.show();
    const field = exporter.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="script"]')!;
    expect(field.value).toBe(toPyTorch(experiment));
    expect(field.value).toContain('torch.optim.SGD(');
    exporter.close();
    // hide="pytorch" leaves it out.
    lab.setAttribute('hide', 'pytorch');
    await lab.updateComplete;
    expect(lab.shadowRoot!.querySelector('[part="pytorch"]')).toBeNull();
  });
});
