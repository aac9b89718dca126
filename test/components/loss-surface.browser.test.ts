// <loss-surface> in real Chromium with its real worker: the trajectories and the numbers
// panel show PyTorch's values (test/reference/surface.json), real pointer drags and the
// keyboard move the start and every run restarts from it, the step slider and the playback
// controls do what they say, invalid attributes are named inline with optim-error, and a
// removed element ends its worker and is garbage-collected.
import { afterEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import type { OptimEndDetail, OptimProgressDetail } from '../../components/optim-lab/events';
import type { OptimErrorDetail } from '../../components/shared/optim-element';
import { mismatches } from '../support/tolerance';
import { cases } from '../surface/reference';
import type { SurfaceCase } from '../surface/reference';
import {
  dataAt,
  events,
  mount,
  nextFrame,
  part,
  settle,
  tableValues,
  unmountAll,
} from './loss-surface-helpers';

afterEach(unmountAll);

function fixture(name: string): SurfaceCase {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`fixture case ${name} missing`);
  return found;
}

/** The attributes that describe a one-run fixture case. */
function attributesOf(c: SurfaceCase): Record<string, string> {
  const { config } = c;
  const attributes: Record<string, string> = {
    function: config.function ?? 'rosenbrock',
    start: config.start.join(','),
    steps: String(config.steps),
    runs: JSON.stringify(config.runs),
  };
  if (config.condition !== undefined) attributes.condition = String(config.condition);
  if (config.expression !== undefined) attributes.expression = config.expression;
  return attributes;
}

const close = (ours: number, theirs: number, rtol: number, atol = 1e-6) =>
  Math.abs(ours - theirs) <= rtol * Math.abs(theirs) + atol;

describe('trajectories', () => {
  it.each(['rosenbrock Nesterov', 'beale Adam OneCycleLR beta1', 'quadratic ravine Nesterov'])(
    '%s: the trajectories property equals PyTorch, step by step',
    async (name) => {
      const c = fixture(name);
      const el = await mount(attributesOf(c));
      const [trajectory] = el.trajectories;
      expect(trajectory.points).toHaveLength(c.config.steps + 1);
      c.expected.points.forEach((point, i) => {
        expect(mismatches(trajectory.points[i], point as number[]), `point ${i}`).toEqual([]);
        const loss = c.expected.loss[i] as number;
        expect(close(trajectory.loss[i], loss, 1e-5, 1e-9), `f at ${i}`).toBe(true);
      });
    },
  );
});

describe('the numbers panel', () => {
  it("shows the fixture's θ, g, lr, beta1, state and bias corrections at the chosen step", async () => {
    const c = fixture('beale Adam OneCycleLR beta1');
    const el = await mount(attributesOf(c));
    const slider = part<HTMLInputElement>(el, 'step-slider');
    slider.focus();
    await userEvent.keyboard('{Home}');
    for (let i = 1; i < 7; i++) await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(part(el, 'step-output').textContent?.trim()).toBe(`step 7 of ${c.config.steps}`);
    const shown = tableValues(el);
    const step = 7;
    const want = c.expected;
    // Six significant digits are shown: 5e-6 relative, on top of the engine's own tolerance.
    const expectRow = (key: string, values: number[], rtol: number) =>
      values.forEach((value, k) =>
        expect(
          close(shown.get(key)?.[k] ?? NaN, value, rtol),
          `${key}[${k}]: ${shown.get(key)} vs ${values}`,
        ).toBe(true),
      );
    expectRow('theta', want.points[step - 1] as number[], 2e-5);
    expectRow('theta-next', want.points[step] as number[], 2e-5);
    expectRow('grad', want.grad[step - 1] as number[], 1e-3);
    expectRow('lr', [want.lr[step - 1]], 1e-5);
    expectRow('momentum', [want.momentum[step - 1] as number], 1e-5);
    const state = want.state[step - 1];
    expectRow('state.step', [state.step as number], 0);
    expectRow('state.exp_avg', state.exp_avg as number[], 1e-3);
    expectRow('state.exp_avg_sq', state.exp_avg_sq as number[], 1e-3);
    // Derived from state.step and the step's beta1 (OneCycleLR cycles it) and beta2 = 0.999.
    expectRow('bias_correction1', [1 - (want.momentum[step - 1] as number) ** 7], 1e-5);
    expectRow('bias_correction2', [1 - 0.999 ** 7], 1e-5);
    const delta = (want.points[step] as number[]).map(
      (v, k) => v - (want.points[step - 1] as number[])[k],
    );
    expectRow('delta', delta, 1e-3);
    // The typeset rule carries the same numbers (MathML, no KaTeX error).
    const math = part(el, 'math');
    expect(math.querySelector('math')).not.toBeNull();
    expect(math.textContent).toContain(`${Number(want.lr[step - 1].toPrecision(4))}`);
    expect(part(el, 'rule').querySelector('math')).not.toBeNull();
  });

  it('the slider and its keys move the step; the plot follows; another run can be picked', async () => {
    const el = await mount({ function: 'rosenbrock', optimizers: 'Nesterov Adam', steps: '50' });
    const slider = part<HTMLInputElement>(el, 'step-slider');
    slider.focus();
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    expect(el.currentStep).toBe(1);
    expect(tableValues(el).get('theta')).toEqual(
      el.trajectories[0].points[0].map((v) => Number(v.toPrecision(6))),
    );
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await el.updateComplete;
    expect(el.currentStep).toBe(3);
    expect(part(el, 'position').textContent?.trim()).toBe('step 3 of 50');
    // Nesterov's look-ahead is a row and a point on the plot.
    expect(tableValues(el).has('look-ahead')).toBe(true);
    expect(el.shadowRoot!.querySelector('.look-ahead')).not.toBeNull();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(el.currentStep).toBe(50);
    const select = part<HTMLSelectElement>(el, 'run-select');
    await userEvent.selectOptions(select, 'Adam');
    await el.updateComplete;
    expect(part(el, 'numbers-table').querySelector('caption')?.textContent).toContain(
      'Adam, step 50',
    );
    expect(tableValues(el).has('bias_correction1')).toBe(true);
  });
});

describe('moving the start', () => {
  it('the arrow keys move the focused start control and every run restarts from it', async () => {
    const el = await mount({ function: 'himmelblau', optimizers: 'SGD Adam', steps: '40' });
    const handle = part(el, 'start-handle');
    expect(handle.getAttribute('role')).toBe('slider');
    expect(handle.getAttribute('aria-label')).toBe('Start point');
    expect(handle.getAttribute('aria-valuetext')).toBe('x -0.5, y -1');
    const before = el.trajectories.map((t) => t.points.at(-1));
    handle.focus();
    // A 50th of the 10-wide view per press; Shift: a 10th.
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{Shift>}{ArrowUp}{/Shift}');
    await settle(el);
    expect(handle.getAttribute('aria-valuenow')).toBe('-0.1');
    expect(handle.getAttribute('aria-valuetext')).toBe('x -0.1, y 0');
    for (const trajectory of el.trajectories) {
      expect(trajectory.points[0][0]).toBeCloseTo(-0.1, 6);
      expect(trajectory.points[0][1]).toBeCloseTo(0, 6);
      expect(trajectory.points).toHaveLength(41);
    }
    expect(el.trajectories.map((t) => t.points.at(-1))).not.toEqual(before);
    await userEvent.keyboard('{Home}');
    await settle(el);
    expect(el.trajectories[0].points[0]).toEqual([-0.5, -1]);
    // Moving the start while playing plays the new paths from their start.
    el.start();
    while (el.currentStep < 20) await nextFrame();
    handle.focus();
    await userEvent.keyboard('{ArrowDown}');
    await el.updateComplete;
    expect(el.currentStep).toBeLessThan(10);
    expect(part(el, 'play-button').textContent?.trim()).toBe('Pause');
  });

  it('a real pointer drag moves the start under the pointer and recomputes from there', async () => {
    const el = await mount({
      function: 'rosenbrock',
      optimizers: 'SGD+momentum Adam',
      steps: '60',
    });
    const handle = part(el, 'start-handle');
    const overlay = part(el, 'overlay');
    const box = overlay.getBoundingClientRect();
    const target = { x: Math.round(box.width * 0.7), y: Math.round(box.height * 0.3) };
    const computed = events<{ steps: number[] }>(el, 'loss-surface-computed');
    // (A copy: Vitest rescales the position it is given in place.)
    await userEvent.dragAndDrop(handle, overlay, {
      targetPosition: { ...target },
      steps: 12,
    } as never);
    await settle(el);
    const [x, y] = dataAt(el, box.left + target.x, box.top + target.y);
    const start = el.surfaceConfig!.start;
    // Where the pointer let go, to within a pixel (in data units, read off the axes).
    const pixel = dataAt(el, box.left + 1, box.top)[0] - dataAt(el, box.left, box.top)[0];
    expect(Math.abs(start[0] - x)).toBeLessThan(1.5 * pixel);
    expect(Math.abs(start[1] - y)).toBeLessThan(1.5 * pixel);
    // 70% across is right of Rosenbrock's start at x = -1.5.
    expect(start[0]).toBeGreaterThan(-1.5);
    for (const trajectory of el.trajectories) {
      expect(mismatches(trajectory.points[0], [...start], 1e-6, 1e-6)).toEqual([]);
      expect(trajectory.points).toHaveLength(61);
    }
    // The handle sits where the pointer let go, and has the focus for the keyboard.
    const at = handle.getBoundingClientRect();
    expect(Math.abs(at.left + at.width / 2 - (box.left + target.x))).toBeLessThan(1.5);
    expect(Math.abs(at.top + at.height / 2 - (box.top + target.y))).toBeLessThan(1.5);
    expect(el.shadowRoot!.activeElement).toBe(handle);
    // How many of the moves in between were computed depends on the machine's speed (the
    // debounce is in milliseconds); that they coalesce is the next test's.
    expect(computed.length).toBeGreaterThan(0);
  });

  it('coalesces moves that come faster than the debounce into one computation', async () => {
    const el = await mount({ function: 'rosenbrock', optimizers: 'SGD Adam', steps: '60' });
    await el.computeComplete;
    const handle = part(el, 'start-handle');
    const from = el.surfaceConfig!.start;
    const computed = events<{ steps: number[] }>(el, 'loss-surface-computed');
    // Twelve moves in one task: no debounce timer can run in between, however slow the machine.
    for (let i = 0; i < 12; i++) {
      handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    }
    await settle(el);
    await el.computeComplete;
    expect(computed).toHaveLength(1);
    // Each press moves 2% of Rosenbrock's 4-wide view box: 12 presses, 0.96 to the right.
    const start = el.surfaceConfig!.start;
    expect(start[0]).toBeCloseTo(from[0] + 0.96, 6);
    expect(start[1]).toBe(from[1]);
    for (const trajectory of el.trajectories) {
      expect(mismatches(trajectory.points[0], [...start], 1e-6, 1e-6)).toEqual([]);
    }
  });
});

describe('playback', () => {
  it('reset, step, play, pause: the picture, the position and the events follow', async () => {
    const el = await mount({ function: 'quadratic', optimizers: 'SGD Adam', steps: '120' });
    const progress = events<OptimProgressDetail>(document, 'optim-progress');
    const ends = events<OptimEndDetail>(document, 'optim-end');
    const position = () => part(el, 'position').textContent?.trim();
    // A picture opens finished.
    expect(position()).toBe('step 120 of 120');
    await userEvent.click(part(el, 'reset-button'));
    await el.updateComplete;
    expect(position()).toBe('step 0 of 120');
    const marker = () => el.shadowRoot!.querySelector('.run-1 .marker')!;
    const atStart = [marker().getAttribute('cx'), marker().getAttribute('cy')];
    await userEvent.click(part(el, 'step-button'));
    await el.updateComplete;
    expect(position()).toBe('step 1 of 120');
    expect([marker().getAttribute('cx'), marker().getAttribute('cy')]).not.toEqual(atStart);
    expect(progress.filter((p) => p.run === 0).at(-1)).toMatchObject({
      run: 0,
      runId: 'run-1',
      label: 'SGD',
      step: 1,
      epoch: 1,
    });
    expect(progress.filter((p) => p.run === 0).at(-1)?.loss).toBe(el.trajectories[0].loss[1]);
    await userEvent.click(part(el, 'play-button'));
    expect(part(el, 'play-button').textContent?.trim()).toBe('Pause');
    while (el.currentStep < 10) await nextFrame();
    el.pause();
    await el.updateComplete;
    const paused = el.currentStep;
    await nextFrame();
    await nextFrame();
    expect(el.currentStep).toBe(paused);
    expect(part(el, 'play-button').textContent?.trim()).toBe('Play');
    // Faster, to the end: optim-end once, with each run's numbers there.
    part<HTMLSelectElement>(el, 'speed-select').value = '300';
    part(el, 'speed-select').dispatchEvent(new Event('change'));
    el.start();
    while (ends.length === 0) await nextFrame();
    expect(ends).toHaveLength(1);
    expect(ends[0].runs.map((r) => [r.label, r.step, r.status])).toEqual([
      ['SGD', 120, 'done'],
      ['Adam', 120, 'done'],
    ]);
    const steps = progress.filter((p) => p.run === 0).map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(120);
    el.reset();
    await el.updateComplete;
    expect(position()).toBe('step 0 of 120');
  });

  it('autoplay plays once on screen; with reduced motion it shows the finished paths instead', async () => {
    const ends = events<OptimEndDetail>(document, 'optim-end');
    const progress = events<OptimProgressDetail>(document, 'optim-progress');
    await mount({ optimizers: 'Adam', steps: '60', autoplay: '' });
    while (ends.length === 0) await nextFrame();
    // It animated: progress arrived for steps before the last one.
    expect(progress.some((p) => p.step > 0 && p.step < 60)).toBe(true);
    unmountAll();
    ends.length = 0;
    progress.length = 0;
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
    });
    try {
      const still = await mount({ optimizers: 'Adam', steps: '60', autoplay: '' });
      await nextFrame();
      expect(still.currentStep).toBe(60);
      expect(ends).toHaveLength(1);
      expect(progress.map((p) => p.step)).toEqual([60]);
      expect(part(still, 'play-button').textContent?.trim()).toBe('Replay');
    } finally {
      await cdp().send('Emulation.setEmulatedMedia', { features: [] });
    }
  });

  it('a run that diverges says so, at the step it diverged', async () => {
    const c = fixture('rosenbrock SGD diverges');
    const el = await mount({ ...attributesOf(c), steps: '30' });
    const messages = part(el, 'messages').textContent ?? '';
    expect(messages).toMatch(/SGD diverged at step \d+ and stopped/);
    expect(part(el, 'legend').textContent).toMatch(/diverged at step \d+/);
  });
});

describe('attributes', () => {
  it('an invalid one is named inline and fires optim-error; a valid value brings it back', async () => {
    const errors = events<OptimErrorDetail>(document, 'optim-error');
    const el = await mount({ function: 'beale', optimizers: 'Adam', steps: '20', start: '1,2,3' });
    const problems = () => part(el, 'problems').textContent?.trim() ?? '';
    expect(problems()).toContain('start: expected 2 numbers separated by commas');
    expect(errors.map((e) => e.attribute)).toEqual(['start']);
    // Still usable: the default start was used.
    expect(el.trajectories[0].points[0]).toEqual([1, 1.5]);
    el.setAttribute('start', '2,0.5');
    await settle(el);
    expect(problems()).toBe('');
    expect(el.trajectories[0].points[0]).toEqual([2, 0.5]);
    el.setAttribute('runs', '[{"optimizer":{"type":"Adam","betas":[1.2,0.9]}}]');
    await settle(el);
    expect(problems()).toContain('runs: must be in [0, 1), got 1.2 (runs[0].optimizer.betas[0])');
    expect(errors.at(-1)).toEqual({ attribute: 'runs', message: expect.stringContaining('runs:') });
  });
});

describe('a long page', () => {
  it('computes nothing (and starts no worker) until the element comes near the screen', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '6000px';
    const el = document.createElement('loss-surface');
    el.setAttribute('optimizers', 'SGD Adam');
    el.setAttribute('steps', '20');
    document.body.append(spacer, el);
    try {
      const computed = events<{ steps: number[] }>(el, 'loss-surface-computed');
      await el.updateComplete;
      for (let i = 0; i < 5; i++) await nextFrame();
      expect(el.trajectories).toEqual([]);
      expect((el as unknown as { surfaces: { client?: object } }).surfaces.client).toBeUndefined();
      el.scrollIntoView();
      while (computed.length === 0) await nextFrame();
      expect(computed[0].steps).toEqual([20, 20]);
      expect(el.trajectories).toHaveLength(2);
    } finally {
      el.remove();
      spacer.remove();
    }
  });
});

describe('leaving the page', () => {
  it('ends its worker and is garbage-collected', async () => {
    // In a function of its own, so that nothing of the element stays in this test's scope.
    const leave = async () => {
      const el = await mount({ preset: 'optimizer-zoo', steps: '2000' });
      const client = (el as unknown as { surfaces: { client?: { closed: boolean } } }).surfaces
        .client;
      const before = client?.closed;
      el.setAttribute('steps', '5000'); // a computation in flight when it leaves
      await el.updateComplete;
      el.start(); // and playing
      unmountAll();
      return { ref: new WeakRef(el), before, after: client?.closed };
    };
    const { ref, before, after } = await leave();
    expect([before, after]).toEqual([false, true]);
    const session = cdp();
    for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Chromium's last layout result keeps the removed <select>s (and so the element)
      // until the document is laid out again, which any page does all the time.
      void document.body.offsetHeight;
      await nextFrame();
      await session.send('HeapProfiler.collectGarbage');
    }
    expect(ref.deref()).toBeUndefined();
  });
});
