// <optim-lab> in real Chromium with a real training Worker (real comlink, real TF.js on the
// cpu backend, which is the quickest to start here): rendering, the attribute -> config
// mapping, bad input, keyboard operation, training, pause/reset, divergence, worker
// teardown. (Main-thread long tasks: optim-lab-main-thread.perf.browser.test.ts.)
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import {
  QUICK,
  mean,
  mount,
  part,
  problemsText,
  recordErrors,
  recordProgress,
  sleep,
} from './support/lab';
import { MAX_EPOCHS } from '../../src/protocol/experiment';

// Trainings a test pauses, changes or interrupts last the schema's longest (10 steps per epoch
// in QUICK), so they are still running then however fast the machine trains.
const LONGEST = String(MAX_EPOCHS);

// Progress crosses the worker, a throttled subscription and a UI refresh: on a loaded 2-core
// machine that can take longer than vi.waitFor's 1 s default.
const LOADED_MACHINE_WAIT = { timeout: 15_000 };

describe('<optim-lab> renders', () => {
  it('is accessible (axe) with every section shown, before and after training', async () => {
    const lab = await mount({ ...QUICK, epochs: '2', optimizer: 'SGD Adam', lr: '0.05' });
    expect((await axe.run(lab)).violations).toEqual([]);
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
    await lab.updateComplete;
    await vi.waitFor(
      () => expect(lab.shadowRoot?.querySelector('optim-data-view')).not.toBeNull(),
      LOADED_MACHINE_WAIT,
    );
    expect((await axe.run(lab)).violations).toEqual([]);
  });

  it('is accessible in dark mode too (contrast of the dark theme)', async () => {
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-color-scheme', value: 'dark' }],
    });
    try {
      expect(matchMedia('(prefers-color-scheme: dark)').matches).toBe(true);
      const lab = await mount({ optimizer: 'SGD Adam', lr: 'abc' });
      expect(getComputedStyle(lab).backgroundColor).toBe('rgb(28, 28, 33)');
      expect((await axe.run(lab)).violations).toEqual([]);
    } finally {
      await cdp().send('Emulation.setEmulatedMedia', { features: [] });
    }
  });

  it('shows the attributes in its controls', async () => {
    const lab = await mount({
      dataset: 'spiral',
      hidden: '32, 16',
      activation: 'tanh',
      'batch-size': '64',
      epochs: '7',
      seed: '5',
    });
    expect(part<HTMLSelectElement>(lab, 'dataset-select').value).toBe('spiral');
    expect(part<HTMLInputElement>(lab, 'hidden-input').value).toBe('32,16');
    expect(part<HTMLSelectElement>(lab, 'activation-select').value).toBe('tanh');
    expect(part<HTMLInputElement>(lab, 'batch-size-input').value).toBe('64');
    expect(part<HTMLInputElement>(lab, 'epochs-input').value).toBe('7');
    expect(part<HTMLInputElement>(lab, 'seed-input').value).toBe('5');
    // hidden="32, 16" holds layer widths: the lab must stay visible despite the attribute.
    expect(getComputedStyle(lab).display).toBe('block');
    expect(lab.getBoundingClientRect().height).toBeGreaterThan(100);
  });

  it('maps attributes to the experiment config, one run per optimizer', async () => {
    const lab = await mount({
      dataset: 'xor',
      hidden: '12',
      optimizer: 'SGD AdamW',
      lr: '0.2',
      scheduler: '{"type":"StepLR","stepSize":50,"gamma":0.5}',
      epochs: '4',
      seed: '9',
    });
    const experiment = lab.experiment;
    expect(experiment.dataset).toEqual({ type: 'xor' });
    expect(experiment.model).toEqual({ hidden: [12] });
    expect(experiment.training).toEqual({ epochs: 4 });
    expect(experiment.seed).toBe(9);
    expect(experiment.runs.map((run) => [run.optimizer, run.scheduler])).toEqual([
      [
        { type: 'SGD', lr: 0.2 },
        { type: 'StepLR', stepSize: 50, gamma: 0.5 },
      ],
      [
        { type: 'AdamW', lr: 0.2 },
        { type: 'StepLR', stepSize: 50, gamma: 0.5 },
      ],
    ]);
    expect(lab.shadowRoot?.querySelectorAll('[part="run"]')).toHaveLength(2);
    expect(part(lab, 'lr-curve')).toBeTruthy();
  });

  it('hides the sections named in hide', async () => {
    const lab = await mount({ hide: 'dataset model training runs lr-curve backend' });
    const root = lab.shadowRoot;
    expect(root?.querySelector('[part="setup"]')).toBeNull();
    expect(root?.querySelector('[part="runs"]')).toBeNull();
    expect(root?.querySelector('[part="lr-curve"]')).toBeNull();
    expect(root?.querySelector('[part="backend"]')).toBeNull();
    expect(part(lab, 'play-button')).toBeTruthy();
    expect(part(lab, 'loss-plot')).toBeTruthy();
    expect((await axe.run(lab)).violations).toEqual([]);
  });
});

describe('<optim-lab> bad input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['lr', 'abc', /lr: expected a positive number, got "abc"/],
    ['scheduler', '{"type":"Nope"}', /scheduler: unknown type "Nope"; allowed: None, StepLR/],
    ['scheduler', '{"type":"StepLR",', /scheduler: not valid JSON/],
    ['hidden', '0', /hidden: expected layer widths from 1 to 1024/],
    ['hidden', '16,-3', /hidden: expected layer widths .*"-3" is not allowed/],
    ['optimizer', 'Adamm', /optimizer: expected an optimizer type/],
    ['config', '{"runs": [', /config: not valid JSON/],
  ];
  for (const [attribute, value, pattern] of cases) {
    it(`${attribute}='${value}' shows a message, fires optim-error, and recovers`, async () => {
      const errors = recordErrors(document.body);
      const lab = await mount({ [attribute]: value });
      expect(problemsText(lab)).toMatch(pattern);
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(pattern)]);
      expect(errors[0].attribute).toBe(attribute);
      expect(part(lab, 'play-button').hasAttribute('disabled')).toBe(false);
      lab.removeAttribute(attribute);
      await lab.updateComplete;
      expect(problemsText(lab)).toBe('');
    });
  }

  it('after fixing an attribute the lab trains', async () => {
    const errors = recordErrors(document.body);
    const lab = await mount({ ...QUICK, lr: 'abc', epochs: '1' });
    expect(errors).toHaveLength(1);
    lab.setAttribute('lr', '0.05');
    await lab.updateComplete;
    expect(problemsText(lab)).toBe('');
    expect(lab.experiment.runs[0].optimizer).toEqual({ type: 'Adam', lr: 0.05 });
    const progress = recordProgress(lab);
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)?.lr).toBeCloseTo(0.05, 6);
  });

  it('a bad option inside a JSON attribute is named with its field, and the lab recovers', async () => {
    const errors = recordErrors(document.body);
    const lab = await mount({
      ...QUICK,
      epochs: '1',
      optimizer: '{"type":"Adam","betas":[0.9,1.5]}',
    });
    expect(errors).toHaveLength(1);
    expect(errors[0].attribute).toBe('optimizer');
    expect(errors[0].message).toMatch(/^optimizer: .*\(runs\[0\]\.optimizer\.betas/);
    expect(problemsText(lab)).toContain('runs[0].optimizer.betas');
    // Like any bad attribute it is left out: the lab shows and would train its default run.
    expect(lab.experiment.runs[0].optimizer).toEqual({ type: 'Adam', lr: 0.01 });
    lab.setAttribute('optimizer', '{"type":"Adam","betas":[0.9,0.99],"lr":0.02}');
    await lab.updateComplete;
    expect(problemsText(lab)).toBe('');
    await lab.start();
    await vi.waitFor(() => expect(lab.state).toBe('done'), { timeout: 60_000 });
  });
});

describe('<optim-lab> keyboard', () => {
  it('operates every control from the keyboard', async () => {
    // The schema's longest training: still running when the test pauses it, however fast.
    const lab = await mount({ ...QUICK, epochs: LONGEST });
    // The dataset select: focus it and change it with the arrow keys.
    part<HTMLSelectElement>(lab, 'dataset-select').focus();
    await userEvent.keyboard('{ArrowDown}');
    await lab.updateComplete;
    expect(lab.experiment.dataset?.type).toBe('xor');
    // The hidden layers entry: type new widths and commit with Enter... then Tab away.
    const hidden = part<HTMLInputElement>(lab, 'hidden-input');
    hidden.focus();
    hidden.select();
    await userEvent.keyboard('4,4{Tab}');
    await lab.updateComplete;
    expect(lab.experiment.model?.hidden).toEqual([4, 4]);
    // Add a run with Enter on the button.
    part(lab, 'add-run').focus();
    await userEvent.keyboard('{Enter}');
    await lab.updateComplete;
    expect(lab.experiment.runs).toHaveLength(2);
    // Play with Space, pause with Enter.
    part(lab, 'play-button').focus();
    await userEvent.keyboard(' ');
    await vi.waitFor(() => expect(lab.state).toBe('training'), { timeout: 30_000 });
    await lab.updateComplete;
    part(lab, 'pause-button').focus();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(lab.state).toBe('paused'));
    // Reset is reachable with Tab from Step.
    part(lab, 'step-button').focus();
    await userEvent.keyboard('{Tab}');
    expect(lab.shadowRoot?.activeElement?.getAttribute('part')).toBe('reset-button');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(lab.state).toBe('idle'));
  });

  it('shows focus visibly on its buttons', async () => {
    const lab = await mount();
    const play = part(lab, 'play-button');
    play.focus();
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}{Tab}');
    expect(lab.shadowRoot?.activeElement).toBe(play);
    expect(getComputedStyle(play).outlineStyle).toBe('solid');
  });
});

describe('<optim-lab> training in a real worker', () => {
  it('trains, streams optim-progress with a falling loss, and ends', async () => {
    const lab = await mount({ ...QUICK, epochs: '6', optimizer: 'Adam', lr: '0.02' });
    const progress = recordProgress(lab);
    const ended = new Promise<void>((resolve) =>
      lab.addEventListener('optim-end', () => resolve()),
    );
    // One step first, and its event, so the stream has a start to compare the end with
    // however few batches the remaining steps take.
    await lab.step(1);
    await vi.waitFor(() => expect(progress.at(-1)?.step).toBe(1), LOADED_MACHINE_WAIT);
    await lab.start();
    expect(lab.state).toBe('training');
    expect(lab.activeBackend).toBe('cpu');
    await ended;
    expect(lab.state).toBe('done');
    const steps = progress.map((p) => p.step);
    expect(steps.at(-1)).toBe(60);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    for (const p of progress) {
      expect(p).toMatchObject({ run: 0, runId: expect.any(String), lr: expect.closeTo(0.02, 6) });
      expect(p.epoch).toBeCloseTo(p.step / 10, 4);
    }
    const losses = progress.map((p) => p.loss);
    expect(losses.every(Number.isFinite)).toBe(true);
    const third = Math.max(1, Math.floor(losses.length / 3));
    expect(mean(losses.slice(-third))).toBeLessThan(mean(losses.slice(0, third)));
    expect(part(lab, 'backend').textContent).toContain('cpu');
    expect(part(lab, 'summary').textContent).toMatch(/Adam, lr 0\.02: loss [\d.]+ at step 60/);
  });

  it('pauses, steps, resumes and resets', async () => {
    const lab = await mount({ ...QUICK, epochs: LONGEST });
    const progress = recordProgress(lab);
    await lab.start();
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(2), { timeout: 30_000 });
    await lab.pause();
    expect(lab.state).toBe('paused');
    // The last steps before the pause may still be in flight: wait until nothing arrives.
    let settled = -1;
    while (settled !== progress.length) {
      settled = progress.length;
      await sleep(300);
    }
    const pausedAt = lab.runStats[0].step;
    const countAtPause = progress.length;
    await sleep(400);
    expect(progress.length).toBe(countAtPause);
    expect(lab.runStats[0].step).toBe(pausedAt);
    await lab.step(1);
    await vi.waitFor(() => expect(lab.runStats[0].step).toBe(pausedAt + 1), LOADED_MACHINE_WAIT);
    await lab.start();
    await vi.waitFor(
      () => expect(lab.runStats[0].step).toBeGreaterThan(pausedAt + 5),
      LOADED_MACHINE_WAIT,
    );
    await lab.reset();
    expect(lab.state).toBe('idle');
    expect(lab.runStats[0].step).toBe(0);
    expect(part(lab, 'status').textContent).toContain(`Step 0 of ${10 * MAX_EPOCHS}`);
    await sleep(300);
    expect(lab.runStats[0].step).toBe(0);
    // Training again after a reset starts from step 1.
    const after = recordProgress(lab);
    await lab.step(3);
    await vi.waitFor(() => expect(after.at(-1)?.step).toBe(3), LOADED_MACHINE_WAIT);
    expect(after[0].step).toBeLessThanOrEqual(3);
  });

  it('adds and removes runs while training', async () => {
    const lab = await mount({ ...QUICK, epochs: LONGEST, optimizer: 'Adam', lr: '0.01' });
    const progress = recordProgress(lab);
    await lab.start();
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(1), { timeout: 30_000 });
    part(lab, 'add-run').click();
    // The new run (SGD + momentum, the first classic not shown yet) trains from step 1.
    await vi.waitFor(() => expect(progress.some((p) => p.run === 1)).toBe(true), {
      timeout: 30_000,
    });
    const added = progress.find((p) => p.run === 1);
    expect(added?.label).toBe('SGD + momentum, lr 0.1');
    expect(added?.step).toBeLessThan(progress.filter((p) => p.run === 0).at(-1)?.step ?? 0);
    // Remove the first run: the other keeps training, now as run 0.
    const firstRemove = lab.shadowRoot?.querySelector<HTMLButtonElement>('[part="remove-run"]');
    firstRemove?.click();
    await lab.updateComplete;
    expect(lab.experiment.runs.map((run) => run.label)).toEqual(['SGD + momentum, lr 0.1']);
    const mark = progress.length;
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(mark + 1), LOADED_MACHINE_WAIT);
    expect(new Set(progress.slice(mark + 1).map((p) => p.label))).toEqual(
      new Set(['SGD + momentum, lr 0.1']),
    );
    await lab.pause();
  });

  it('says plainly when a run diverges (lr = 100)', async () => {
    const lab = await mount({ ...QUICK, epochs: '5', optimizer: 'SGD Adam', lr: '100' });
    await lab.start();
    await vi.waitFor(() => expect(part(lab, 'alert').textContent).toMatch(/diverged/), {
      timeout: 60_000,
    });
    expect(part(lab, 'alert').getAttribute('role')).toBe('alert');
    expect(part(lab, 'alert').textContent).toMatch(
      /Run \d \((SGD|Adam), lr 100\) diverged at step \d+, lr = 100/,
    );
  });

  it('a scheduler lambda failing as the run trains names the scheduler attribute', async () => {
    const errors = recordErrors(document.body);
    // Fine at epochs 0, 1 and 2 (so it is configured), a division by zero at 3.
    const lab = await mount({
      ...QUICK,
      epochs: '2',
      scheduler: '{"type":"LambdaLR","lrLambda":"1/(3-epoch)"}',
    });
    expect(problemsText(lab)).toBe('');
    await lab.start();
    await vi.waitFor(() => expect(errors).toHaveLength(1), LOADED_MACHINE_WAIT);
    const message =
      'Run 1 (Adam, lr 0.01 + LambdaLR) stopped: scheduler: division by zero at column 2 (epoch = 3) ' +
      '(runs[0].scheduler.lrLambda)';
    expect(errors[0]).toEqual({ attribute: 'scheduler', message });
    await vi.waitFor(() => expect(part(lab, 'alert').textContent).toContain(message));
    expect(lab.experiment.runs).toHaveLength(1);
  });

  it('terminates its worker when removed from the page', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const lab = await mount({ ...QUICK, epochs: LONGEST });
    const progress = recordProgress(lab);
    await lab.start();
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(1), { timeout: 30_000 });
    expect(terminate).not.toHaveBeenCalled();
    lab.remove();
    await sleep(0);
    expect(terminate).toHaveBeenCalledTimes(1);
    const count = progress.length;
    await sleep(300);
    expect(progress.length).toBe(count);
  });

  it('reports a worker that dies, and trains again with a fresh one', async () => {
    const posts = vi.spyOn(Worker.prototype, 'postMessage');
    const lab = await mount({ ...QUICK, epochs: LONGEST });
    const errors = recordErrors(lab);
    await lab.start();
    const first = posts.mock.contexts[0] as Worker;
    // Killed from outside, as a browser may do: no event reaches the page by itself.
    first.terminate();
    await vi.waitFor(() => expect(lab.state).toBe('error'), { timeout: 10_000 });
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/worker/i)]);
    expect(problemsText(lab)).toMatch(
      /The training worker stopped: .*Press play to start a new one/,
    );
    const progress = recordProgress(lab);
    await lab.start();
    expect(lab.state).toBe('training');
    await vi.waitFor(() => expect(progress.length).toBeGreaterThan(0), { timeout: 30_000 });
    expect(posts.mock.contexts.some((worker) => worker !== first)).toBe(true);
    expect(problemsText(lab)).toBe('');
  });

  it('keeps its worker when moved within the page', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const lab = await mount({ ...QUICK, epochs: LONGEST });
    await lab.start();
    const holder = document.createElement('div');
    document.body.append(holder);
    holder.append(lab);
    await sleep(50);
    expect(terminate).not.toHaveBeenCalled();
    expect(lab.state).toBe('training');
    holder.remove();
  });
});
