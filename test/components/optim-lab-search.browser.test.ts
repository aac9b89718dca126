// <optim-lab>'s LR range test panel and grid search, in real Chromium with the real training
// Worker (cpu backend, a small experiment): the panel runs findLr and its "Use lr" changes
// the run the picker shows and the lr the next step uses; `grid` expands the first run and
// ranks the runs after training.
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../components/optim-lab/index';
import type {
  OptimErrorDetail,
  OptimLab,
  OptimProgressDetail,
} from '../../components/optim-lab/index';
import type { OptimizerPicker } from '../../components/optimizer-picker/optimizer-picker';
import type { LrFinderPlot } from '../../components/lr-finder-plot/index';
import { TrainerClient } from '../../workers/client';

const labs: OptimLab[] = [];

afterEach(() => {
  for (const lab of labs.splice(0)) lab.remove();
  vi.restoreAllMocks();
});

async function mount(attributes: Record<string, string> = {}): Promise<OptimLab> {
  const lab = document.createElement('optim-lab');
  for (const [name, value] of Object.entries(attributes)) lab.setAttribute(name, value);
  document.body.append(lab);
  labs.push(lab);
  await lab.updateComplete;
  return lab;
}

function part<T extends Element = HTMLElement>(lab: OptimLab, name: string): T {
  const found = lab.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}"`);
  return found;
}

const has = (lab: OptimLab, name: string) => !!lab.shadowRoot?.querySelector(`[part~="${name}"]`);
const problemsText = (lab: OptimLab) =>
  part(lab, 'problems').textContent?.replace(/\s+/g, ' ').trim() ?? '';

function recordErrors(target: EventTarget): OptimErrorDetail[] {
  const errors: OptimErrorDetail[] = [];
  target.addEventListener('optim-error', (event) =>
    errors.push((event as CustomEvent<OptimErrorDetail>).detail),
  );
  return errors;
}

// 200 circle points, 160 for training, batch 16 -> 10 steps per epoch.
const QUICK = {
  dataset: 'circle',
  hidden: '8,8',
  backend: 'cpu',
  'batch-size': '16',
  config: '{"dataset":{"samples":200}}',
};

describe('<optim-lab> Find LR', () => {
  it('is folded away unless lr-finder is set, and gone with hide="lr-finder"', async () => {
    const closed = await mount(QUICK);
    expect(part<HTMLDetailsElement>(closed, 'lr-finder').open).toBe(false);
    const open = await mount({ ...QUICK, 'lr-finder': '' });
    expect(part<HTMLDetailsElement>(open, 'lr-finder').open).toBe(true);
    expect(part(open, 'find-lr-button').textContent).toContain('Find LR for run 1');
    const hidden = await mount({ ...QUICK, 'lr-finder': '', hide: 'lr-finder' });
    expect(has(hidden, 'lr-finder')).toBe(false);
  });

  it('pauses training, plots the test, and "Use lr" sets the run\'s lr for the next step', async () => {
    const lab = await mount({
      ...QUICK,
      epochs: '300',
      optimizer: 'SGD',
      lr: '0.05',
      'lr-finder': '',
    });
    const progress: OptimProgressDetail[] = [];
    lab.addEventListener('optim-progress', (event) => progress.push(event.detail));
    await lab.start();
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(0), { timeout: 30_000 });

    const button = part<HTMLButtonElement>(lab, 'find-lr-button');
    button.click();
    await lab.updateComplete;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(lab.shadowRoot?.querySelector('.finder-body')?.getAttribute('aria-busy')).toBe('true');

    await vi.waitFor(() => expect(has(lab, 'lr-finder-plot')).toBe(true), { timeout: 60_000 });
    await lab.updateComplete;
    expect(lab.state).toBe('paused');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('false');
    const plot = part<LrFinderPlot>(lab, 'lr-finder-plot');
    await plot.updateComplete;
    // The default ramp: 100 steps from 1e-7 towards 10 (fewer if the loss blew up first).
    const result = plot.result!;
    expect(result.lr.length).toBeGreaterThan(10);
    expect(result.lr[0]).toBeCloseTo(1e-7, 12);
    expect(Number.isFinite(result.suggestion.steepest)).toBe(true);
    expect((await axe.run(lab)).violations).toEqual([]);

    const use = plot.shadowRoot!.querySelector<HTMLButtonElement>('[part="use-steepest"]')!;
    const picked = Number(/Use lr = ([-\d.e+]+)/.exec(use.textContent!)![1]);
    expect(picked).toBeGreaterThan(0);
    expect(picked).not.toBe(0.05);
    use.click();
    await lab.updateComplete;
    const picker = part<OptimizerPicker>(lab, 'optimizer-picker');
    await picker.updateComplete;
    expect(picker.value).toEqual({ type: 'SGD', lr: picked });
    expect(lab.experiment.runs[0].optimizer).toEqual({ type: 'SGD', lr: picked });
    expect(part(lab, 'finder-status').textContent).toContain(`now uses lr = `);

    const stepBefore = lab.runStats[0].step;
    const after: OptimProgressDetail[] = [];
    lab.addEventListener('optim-progress', (event) => after.push(event.detail));
    await lab.step(1);
    await vi.waitFor(() => expect(after.at(-1)?.step).toBe(stepBefore + 1), {
      // Progress crosses the worker and a throttled subscription: slow on a loaded machine.
      timeout: 15_000,
    });
    // The progress lr went through a Float32Array: equal to float32 precision.
    expect(Math.abs(after.at(-1)!.lr / picked - 1)).toBeLessThan(1e-6);
  });

  it('shows a failed test in the panel and fires optim-error', async () => {
    vi.spyOn(TrainerClient.prototype, 'findLr').mockRejectedValue(new Error('no memory left'));
    const lab = await mount({ ...QUICK, 'lr-finder': '' });
    const errors = recordErrors(lab);
    part(lab, 'find-lr-button').click();
    await vi.waitFor(() => expect(has(lab, 'finder-error')).toBe(true), { timeout: 30_000 });
    expect(part(lab, 'finder-error').textContent).toContain(
      'The LR range test failed: no memory left',
    );
    expect(part(lab, 'finder-error').getAttribute('role')).toBe('alert');
    expect(errors).toEqual([{ message: 'no memory left' }]);
    expect(part<HTMLButtonElement>(lab, 'find-lr-button').disabled).toBe(false);
  });
});

describe('<optim-lab> grid search', () => {
  it('expands the first run into the grid and ranks the runs after training', async () => {
    const lab = await mount({
      ...QUICK,
      epochs: '2',
      optimizer: 'SGD',
      lr: '0.1',
      grid: '{"lr":[0.01,0.1,1],"momentum":[0,0.9]}',
    });
    expect(problemsText(lab)).toBe('');
    // 3 x 2 combinations, the last option varying fastest.
    expect(lab.experiment.runs.map((run) => [run.label, run.optimizer])).toEqual([
      ['SGD lr=0.01 momentum=0', { type: 'SGD', lr: 0.01, momentum: 0 }],
      ['SGD lr=0.01 momentum=0.9', { type: 'SGD', lr: 0.01, momentum: 0.9 }],
      ['SGD lr=0.1 momentum=0', { type: 'SGD', lr: 0.1, momentum: 0 }],
      ['SGD lr=0.1 momentum=0.9', { type: 'SGD', lr: 0.1, momentum: 0.9 }],
      ['SGD lr=1 momentum=0', { type: 'SGD', lr: 1, momentum: 0 }],
      ['SGD lr=1 momentum=0.9', { type: 'SGD', lr: 1, momentum: 0.9 }],
    ]);
    expect(lab.shadowRoot?.querySelectorAll('[part="run"]')).toHaveLength(6);
    expect(has(lab, 'ranking')).toBe(false);

    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
    await vi.waitFor(() => expect(has(lab, 'ranking')).toBe(true), { timeout: 10_000 });
    const table = part(lab, 'ranking').querySelector('table')!;
    expect(table.caption?.textContent).toContain('ranked by validation loss');
    expect([...table.tHead!.rows[0].cells].map((cell) => cell.textContent!.trim())).toEqual([
      'Rank',
      'Run',
      'Val loss',
      'Val accuracy',
      'Status',
    ]);
    const rows = [...table.tBodies[0].rows];
    expect(rows).toHaveLength(6);
    // Best first: the finite validation losses read in ascending order, and row 1 is the
    // run the lab itself reports with the lowest validation loss.
    const stats = lab.runStats.filter((run) => Number.isFinite(run.valLoss));
    expect(stats.length).toBeGreaterThan(0);
    const best = stats.reduce((a, b) => (b.valLoss < a.valLoss ? b : a));
    expect(rows[0].cells[1].textContent!.trim()).toBe(best.label);
    const losses = rows.map((row) => Number(row.cells[2].textContent)).filter(Number.isFinite);
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
    expect(losses).toHaveLength(stats.length);
    expect((await axe.run(lab)).violations).toEqual([]);
  });

  it('names grid for JSON that does not parse, and for a value the optimizer rejects', async () => {
    const errors = recordErrors(document);
    const bad = await mount({ ...QUICK, optimizer: 'SGD', grid: '{lr:[0.1]}' });
    expect(problemsText(bad)).toMatch(/^grid: not valid JSON/);
    const badValue = await mount({ ...QUICK, optimizer: 'SGD', grid: '{"momentum":[0.9,-1]}' });
    expect(problemsText(badValue)).toMatch(/^grid: .*\(grid\.momentum\[1\]\)/);
    const tooMany = await mount({
      ...QUICK,
      grid: '{"lr":[1,2,3,4,5],"betas":[[0.9,0.999],[0.8,0.99],[0.5,0.9],[0,0.9]]}',
    });
    expect(problemsText(tooMany)).toMatch(/^grid: 5 lr x 4 betas = 20 runs; at most 16/);
    await vi.waitFor(() =>
      expect(errors.map((e) => e.attribute)).toEqual(['grid', 'grid', 'grid']),
    );
    // A bad grid leaves the runs as the other attributes made them.
    expect(bad.experiment.runs).toHaveLength(1);
  });
});
