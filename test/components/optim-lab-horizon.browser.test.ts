// Schedule lengths left to the training follow it in <optim-lab>, in real Chromium with a
// real training worker: OneCycleLR without totalSteps, then a longer training set in the
// settings form or by the data editor's CSV, trains to its new end without an error, and the
// lr of every step the worker reports, the LR curve and its read-out are those of a cycle of
// the new length (sampleSchedule, the pure-TS schedule the torch fixtures check). A length
// that is given stays as given; the run card's editor and a shared state keep following.
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { LrCurve } from '../../components/lr-curve/lr-curve';
import type { OptimLab } from '../../components/optim-lab/index';
import { formatValue } from '../../components/plot/format';
import type { SchedulerEditor } from '../../components/scheduler-editor/index';
import { sampleSchedule } from '../../src/schedule/index';
import type { OneCycleLRConfig } from '../../src/schedule/types';
import { decodeLabState, readShareFragment } from '../../src/share/index';
import { mount, part, problemsText, recordErrors, recordProgress } from './support/lab';

const TRAINING_WAIT = { timeout: 60_000 };
const ONE_CYCLE = '{"type":"OneCycleLR","maxLr":0.05}';
// 200 circle points, 160 to train on, batch 16: 10 steps an epoch.
const SMALL = {
  backend: 'cpu',
  layers: '4',
  'batch-size': '16',
  config: '{"dataset":{"samples":200}}',
};

/** Types `value` into a setting of the form and commits it, as a reader does. */
async function setSetting(lab: OptimLab, name: string, value: string): Promise<void> {
  const input = part<HTMLInputElement>(lab, name);
  await userEvent.fill(input, value);
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await lab.updateComplete;
}

/** Trains to the end; every (step, lr) the worker reported, and the errors fired. */
async function trainToEnd(lab: OptimLab) {
  const progress = recordProgress(lab);
  const errors = recordErrors(lab);
  await lab.start();
  await vi.waitFor(() => expect(lab.state).toBe('done'), TRAINING_WAIT);
  return { progress, errors };
}

/** The lr of every reported step is the cycle's of `totalSteps` steps, the last its end. */
function expectCycle(
  progress: ReturnType<typeof recordProgress>,
  totalSteps: number,
  config: OneCycleLRConfig,
): void {
  const { lr } = sampleSchedule(config, { steps: totalSteps, baseLr: 0.01 });
  expect(lr).toHaveLength(totalSteps);
  expect(progress.length).toBeGreaterThan(0);
  for (const { step, lr: used } of progress) {
    // Float32 on the wire: 1e-6 relative.
    expect(Math.abs(used - lr[step - 1]), `step ${step}`).toBeLessThanOrEqual(1e-6 * lr[step - 1]);
  }
  const last = progress.at(-1)!;
  expect(last.step).toBe(totalSteps);
  // The end of the cycle: maxLr / divFactor (25) / finalDivFactor (1e4).
  expect(last.lr / (config.maxLr / 25 / 1e4)).toBeCloseTo(1, 5);
}

/** The LR curve draws the cycle of `totalSteps` steps: its schedule, length and last lr. */
async function expectCurve(lab: OptimLab, totalSteps: number, maxLr = 0.05): Promise<void> {
  const curve = part<LrCurve>(lab, 'lr-curve');
  await curve.updateComplete;
  expect(curve.steps).toBe(totalSteps);
  expect(curve.schedule).toEqual({ type: 'OneCycleLR', maxLr, totalSteps });
  const cursor = curve.shadowRoot!.querySelector<HTMLElement>('[part~="cursor-area"]')!;
  cursor.focus();
  await userEvent.keyboard('{End}');
  await curve.updateComplete;
  const { lr } = sampleSchedule(
    { type: 'OneCycleLR', maxLr, totalSteps },
    { steps: totalSteps, baseLr: 0.01 },
  );
  const readout = curve.shadowRoot!.querySelector('[part~="readout"]')!.textContent!;
  expect(readout).toContain(`step ${totalSteps - 1}: lr ${formatValue(lr[totalSteps - 1])}`);
  expect(part(lab, 'lr-follows').textContent!.trim()).toBe(
    `totalSteps follows the training length: ${totalSteps} steps.`,
  );
}

describe('OneCycleLR without totalSteps follows the training length', () => {
  it('epochs changed in the form: trains to the new end, every step on the new cycle', async () => {
    const lab = await mount({ ...SMALL, epochs: '2', scheduler: ONE_CYCLE });
    await expectCurve(lab, 20);
    await setSetting(lab, 'epochs-input', '5');
    expect(lab.experiment.runs[0].scheduler).toEqual({
      type: 'OneCycleLR',
      maxLr: 0.05,
      totalSteps: 50,
    });
    await expectCurve(lab, 50);
    // The run card's editor says the length follows, and how long that is now.
    const editor = part<SchedulerEditor>(lab, 'scheduler-editor');
    await editor.updateComplete;
    const length = editor.shadowRoot!.querySelector<HTMLInputElement>('#sch-totalSteps')!;
    expect(length.value).toBe('');
    expect(length.placeholder).toBe('50');
    expect(editor.shadowRoot!.getElementById('sch-totalSteps-hint')!.textContent).toBe(
      'Follows the training length, now 50 steps. A number fixes it.',
    );

    const { progress, errors } = await trainToEnd(lab);
    expect(errors).toEqual([]);
    expect(problemsText(lab)).toBe('');
    expectCycle(progress, 50, { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 50 });
  });

  it('batch size changed, then the points edited: each time the cycle spans the new length', async () => {
    // 20 custom points, 16 to train on; batch 4: 4 steps an epoch, 3 epochs: 12 steps.
    const points = Array.from({ length: 20 }, (_, i) => [Math.cos(i), Math.sin(i * 1.7), i % 2]);
    const lab = await mount({
      backend: 'cpu',
      layers: '4',
      'edit-data': '',
      scheduler: ONE_CYCLE,
      config: JSON.stringify({
        dataset: { type: 'custom', points },
        training: { batchSize: 4, epochs: 3 },
      }),
    });
    await expectCurve(lab, 12);
    // Batch 8: 2 steps an epoch, 6 steps.
    await setSetting(lab, 'batch-size-input', '8');
    await expectCurve(lab, 6);
    // 40 points through the CSV: 32 to train on, 4 steps an epoch, 12 steps.
    part<HTMLDetailsElement>(lab, 'csv').open = true;
    await lab.updateComplete;
    const csv = part<HTMLTextAreaElement>(lab, 'csv-input');
    csv.value = Array.from({ length: 40 }, (_, i) => `${Math.cos(i)},${Math.sin(i)},${i % 2}`).join(
      '\n',
    );
    csv.dispatchEvent(new Event('input'));
    part(lab, 'csv-load').click();
    await lab.updateComplete;
    // The worker gets the points once edits pause (400 ms); the previews follow it.
    await vi.waitFor(() => expect(part<LrCurve>(lab, 'lr-curve').steps).toBe(12));
    await expectCurve(lab, 12);
    const { progress, errors } = await trainToEnd(lab);
    expect(errors).toEqual([]);
    expectCycle(progress, 12, { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 12 });
  });

  it('a length that is given stays as given', async () => {
    const lab = await mount({
      ...SMALL,
      epochs: '2',
      scheduler: '{"type":"OneCycleLR","maxLr":0.05,"totalSteps":20}',
    });
    await setSetting(lab, 'epochs-input', '1');
    expect(lab.experiment.runs[0].scheduler).toEqual({
      type: 'OneCycleLR',
      maxLr: 0.05,
      totalSteps: 20,
    });
    expect(part(lab, 'lr-curve')).toBeTruthy();
    expect(lab.shadowRoot!.querySelector('[part~="lr-follows"]')).toBeNull();
    const editor = part<SchedulerEditor>(lab, 'scheduler-editor');
    await editor.updateComplete;
    expect(editor.shadowRoot!.querySelector<HTMLInputElement>('#sch-totalSteps')!.value).toBe('20');
    expect(editor.shadowRoot!.getElementById('sch-totalSteps-hint')!.textContent).toBe(
      'Empty follows the training length (now 10 steps).',
    );
    // Ten steps of the 20-step cycle: the worker uses its first half.
    const { progress, errors } = await trainToEnd(lab);
    expect(errors).toEqual([]);
    const { lr } = sampleSchedule(
      { type: 'OneCycleLR', maxLr: 0.05, totalSteps: 20 },
      { steps: 20, baseLr: 0.01 },
    );
    const last = progress.at(-1)!;
    expect(last.step).toBe(10);
    expect(last.lr / lr[9]).toBeCloseTo(1, 5);
  });

  it('chosen in the run card, emptied there, and in a shared state: the length keeps following', async () => {
    const lab = await mount({ ...SMALL, id: 'h', epochs: '2' });
    const editor = part<SchedulerEditor>(lab, 'scheduler-editor');
    const select = editor.shadowRoot!.querySelector<HTMLSelectElement>('[part~="type-select"]')!;
    await userEvent.selectOptions(select, 'OneCycleLR');
    await lab.updateComplete;
    // Chosen in the editor: the length is left to the training.
    expect(editor.value).not.toHaveProperty('totalSteps');
    expect(lab.experiment.runs[0].scheduler).toMatchObject({ totalSteps: 20 });
    // Fixed by typing a number, then emptied again: it follows once more.
    const length = editor.shadowRoot!.querySelector<HTMLInputElement>('#sch-totalSteps')!;
    await userEvent.fill(length, '35');
    length.dispatchEvent(new Event('change', { bubbles: true }));
    await lab.updateComplete;
    expect(lab.experiment.runs[0].scheduler).toMatchObject({ totalSteps: 35 });
    await userEvent.clear(length);
    length.dispatchEvent(new Event('change', { bubbles: true }));
    await lab.updateComplete;
    expect(lab.experiment.runs[0].scheduler).toMatchObject({ totalSteps: 20 });

    // The shared state leaves it out, so the restored lab follows its own training too.
    const token = readShareFragment(new URL(await lab.shareLink()).hash, 'h')!;
    const state = await decodeLabState(token);
    expect(state.config.runs[0].scheduler).not.toHaveProperty('totalSteps');
    const other = await mount({ ...SMALL, epochs: '7' });
    await other.restoreState(state);
    await other.updateComplete;
    expect(other.experiment.runs[0].scheduler).toMatchObject({ totalSteps: 20 });
    await setSetting(other, 'epochs-input', '3');
    expect(other.experiment.runs[0].scheduler).toMatchObject({ totalSteps: 30 });
    // initialConfig peaks at the run's lr: the lab's default Adam, 0.01.
    await expectCurve(other, 30, 0.01);
  });
});
