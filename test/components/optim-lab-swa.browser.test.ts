// Stochastic Weight Averaging in <optim-lab>, in real Chromium with the real worker: the
// `swa` attribute, the run card's <swa-editor> (on, edits checked by the core's schema, off),
// the averaged model's validation curve in <loss-plot>, and the decision boundary switched
// between the run's weights and its SWA average. axe with SWA shown, light and dark.
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import '../../components/swa-editor/index';
import type { SwaEditor } from '../../components/swa-editor/swa-editor';
import type { OptimDataView } from '../../components/optim-data-view/optim-data-view';
import { restoreLabState } from '../../src/share/fragment';
import { QUICK, mount, part } from './support/lab';

const WAIT = { timeout: 60_000 };

/** 10 steps an epoch (QUICK), 6 epochs; SGD averaged from the end of epoch 3 (0-based 2). */
const SWA_LAB = {
  ...QUICK,
  optimizer: 'SGD',
  lr: '0.3',
  epochs: '6',
  swa: '{"start":2,"swaLr":0.1,"annealEpochs":1}',
};

const shadow = (host: Element) => host.shadowRoot!;

describe('<optim-lab> with SWA', () => {
  it('trains the average from the swa attribute, draws its curve and toggles its boundary', async () => {
    const lab = await mount(SWA_LAB);
    expect(lab.experiment.runs?.[0].swa).toEqual({ start: 2, swaLr: 0.1, annealEpochs: 1 });
    const editor = part<SwaEditor>(lab, 'swa-editor');
    expect(editor.value).toEqual({ start: 2, swaLr: 0.1, annealEpochs: 1 });
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), WAIT);
    await lab.updateComplete;
    // Averages at the ends of epochs 3 to 6, each evaluated.
    const [stats] = lab.runStats;
    expect(stats.swa?.step).toBe(60);
    expect(stats.swa?.valLoss).toBeGreaterThan(0);
    expect(stats.label).toBe('SGD, lr 0.3 + SWA');
    const plot = part(lab, 'loss-plot');
    await vi.waitFor(() => {
      const legend = [...shadow(plot).querySelectorAll('[part="legend-item"]')];
      expect(legend.map((li) => li.textContent?.trim())).toEqual([
        'SGD, lr 0.3 + SWA',
        'SGD, lr 0.3 + SWA: SWA average (validation, dotted)',
      ]);
      // The summary follows the next frame's redraw.
      expect(shadow(plot).querySelector('[part="summary"]')?.textContent).toMatch(
        /SWA average validation loss \(dotted\): SGD, lr 0\.3 \+ SWA [\d.]+ at step 60$/,
      );
    }, WAIT);

    const view = await vi.waitFor(() => {
      const found = lab.shadowRoot?.querySelector<OptimDataView>('optim-data-view');
      expect(found?.grid).toBeDefined();
      return found!;
    }, WAIT);
    const own = Array.from(view.grid!.values);
    const toggle = part<HTMLButtonElement>(lab, 'swa-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(
      () => expect(view.caption).toBe('Run 1: SGD, lr 0.3 + SWA, SWA average'),
      WAIT,
    );
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const averaged = Array.from(view.grid!.values);
    expect(averaged).toHaveLength(own.length);
    expect(averaged).not.toEqual(own);
    expect(view.description).toMatch(
      /^SGD, lr 0\.3 \+ SWA, SWA average: validation accuracy \d+% at step 60$/,
    );
    expect((await axe.run(lab)).violations).toEqual([]);
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-color-scheme', value: 'dark' }],
    });
    try {
      expect((await axe.run(lab)).violations).toEqual([]);
    } finally {
      await cdp().send('Emulation.setEmulatedMedia', { features: [] });
    }
    // Back to the run's own weights.
    toggle.click();
    await vi.waitFor(() => expect(view.caption).toBe('Run 1: SGD, lr 0.3 + SWA'), WAIT);
    expect(Array.from(view.grid!.values)).toEqual(own);
  });

  it('says when the average begins while it has not yet', async () => {
    const lab = await mount({ ...SWA_LAB, epochs: '40' });
    await lab.step(5);
    await vi.waitFor(
      () => expect(lab.shadowRoot?.querySelector('optim-data-view')).not.toBeNull(),
      WAIT,
    );
    await lab.updateComplete;
    part<HTMLButtonElement>(lab, 'swa-toggle').click();
    await lab.updateComplete;
    expect(part(lab, 'swa-hint').textContent?.replace(/\s+/g, ' ').trim()).toBe(
      "The average begins at the end of epoch 3; until then, the run's own weights.",
    );
    expect(lab.shadowRoot?.querySelector('optim-data-view')?.caption).toBe(
      'Run 1: SGD, lr 0.3 + SWA',
    );
  });

  it("the run card's SWA settings: on with defaults, edits checked by the schema, off again", async () => {
    const lab = await mount({ ...QUICK, optimizer: 'SGD', lr: '0.2', epochs: '40' });
    const editor = part<SwaEditor>(lab, 'swa-editor');
    expect(editor.value).toBeNull();
    const root = shadow(editor);
    const on = root.querySelector<HTMLInputElement>('#swa-on')!;
    on.click();
    await editor.updateComplete;
    // Three quarters in, at the optimizer's lr, SWALR's torch defaults.
    expect(lab.experiment.runs?.[0].swa).toEqual({
      start: 30,
      swaLr: 0.2,
      annealEpochs: 10,
      annealStrategy: 'cos',
    });
    expect(root.querySelector('[part~="hint"]')?.textContent).toContain(
      'Averages 10 models: at the end of epochs 31 to 40 of 40.',
    );
    const swaLr = root.querySelector<HTMLInputElement>('#swa-swaLr')!;
    swaLr.focus();
    swaLr.select();
    await userEvent.keyboard('-1');
    await editor.updateComplete;
    expect(root.querySelector('#swa-swaLr-error')?.textContent).toBe(
      'swaLr: must be a finite number >= 0, got -1',
    );
    expect(swaLr.getAttribute('aria-invalid')).toBe('true');
    swaLr.select();
    await userEvent.keyboard('0.05{Enter}');
    await editor.updateComplete;
    expect(root.querySelector('#swa-swaLr-error')).toBeNull();
    expect(lab.experiment.runs?.[0].swa).toMatchObject({ start: 30, swaLr: 0.05 });
    const start = root.querySelector<HTMLInputElement>('#swa-start')!;
    start.select();
    await userEvent.keyboard('1.5{Enter}');
    await editor.updateComplete;
    expect(root.querySelector('#swa-start-error')?.textContent).toBe(
      'start: must be an integer epoch in [0, 1000000]',
    );
    expect(lab.experiment.runs?.[0].swa).toMatchObject({ start: 30 });
    root.querySelector<HTMLSelectElement>('#swa-annealStrategy')!.focus();
    await userEvent.selectOptions(
      root.querySelector<HTMLSelectElement>('#swa-annealStrategy')!,
      'linear',
    );
    expect(lab.experiment.runs?.[0].swa).toMatchObject({ annealStrategy: 'linear' });
    expect((await axe.run(lab)).violations).toEqual([]);
    on.click();
    await editor.updateComplete;
    expect(lab.experiment.runs?.[0].swa).toBeUndefined();
    expect(root.querySelector('#swa-start')).toBeNull();
  });

  it('SWA turned on in a configured lab reaches the worker: the run averages from then on', async () => {
    const lab = await mount({ ...QUICK, optimizer: 'SGD', lr: '0.2', epochs: '4' });
    await lab.step(3);
    await vi.waitFor(() => expect(lab.runStats[0].step).toBe(3), WAIT);
    const editor = part<SwaEditor>(lab, 'swa-editor');
    shadow(editor).querySelector<HTMLInputElement>('#swa-on')!.click();
    await editor.updateComplete;
    // Default start: three quarters of 4 epochs, so the average takes the end of epoch 4.
    expect(lab.experiment.runs?.[0].swa).toMatchObject({ start: 3 });
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), WAIT);
    expect(lab.runStats[0].swa?.step).toBe(40);
    // A shared link carries the run's SWA to another lab.
    const state = await restoreLabState(await lab.shareLink());
    const other = await mount(QUICK);
    await other.restoreState(state);
    expect(other.experiment.runs?.[0].swa).toEqual(lab.experiment.runs?.[0].swa);
  });
});
