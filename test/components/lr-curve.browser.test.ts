import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import '../../components/lr-curve/index';
import type { LrCurve } from '../../components/lr-curve/index';
import type { SchedulerConfig } from '../../src/schedule/types';

let el: LrCurve;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function mount(props: Partial<LrCurve>): Promise<LrCurve> {
  el = document.createElement('lr-curve');
  el.style.width = '640px';
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  // Let the ResizeObserver report the real width and the element re-render at it.
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
  return el;
}

const $ = <T extends Element>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
const readout = () => $('[part="readout"]')!.textContent!.trim();
/** Points in a d3 line path: one M or L command per point. */
const pathPoints = (part: string) =>
  ($(`[part="${part}"]`)!.getAttribute('d')!.match(/[ML]/g) ?? []).length;

function parseReadout(text: string): { step: number; lr: number } {
  const m = /^step (\d+): lr ([-\d.e+]+)/.exec(text);
  if (!m) throw new Error(`unexpected read-out "${text}"`);
  return { step: Number(m[1]), lr: Number(m[2]) };
}

const stepLR: SchedulerConfig = { type: 'StepLR', stepSize: 30, gamma: 0.1 };

afterEach(() => el?.remove());

describe('<lr-curve>', () => {
  it('has no accessibility violations', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 100 });
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await el.updateComplete;
    const result = await axe.run(el);
    expect(result.violations).toEqual([]);
  });

  it('draws one path point per step for short horizons', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 50 });
    expect(pathPoints('lr-line')).toBe(50);
    expect($('svg')!.getAttribute('role')).toBe('img');
    expect($('svg')!.getAttribute('aria-label')).toContain('StepLR');
    expect($('[part="summary"]')!.textContent).toContain('Learning rate over 50 steps');
  });

  it('downsamples long horizons to a few points per pixel column', async () => {
    await mount({
      schedule: { type: 'CosineAnnealingLR', tMax: 20_000 },
      baseLr: 0.1,
      steps: 20_000,
    });
    const points = pathPoints('lr-line');
    expect(points).toBeGreaterThan(100);
    expect(points).toBeLessThanOrEqual(4 * 640);
  });

  it('reads out baseLr * gamma^floor(k / stepSize) for StepLR with the keyboard', async () => {
    const baseLr = 0.1;
    await mount({ schedule: stepLR, baseLr, steps: 100 });
    const area = $<HTMLElement>('[part="cursor-area"]')!;
    area.focus();
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    const expected = (k: number) => baseLr * 0.1 ** Math.floor(k / 30);
    const visited: number[] = [];
    const check = () => {
      const { step, lr } = parseReadout(readout());
      visited.push(step);
      // Read-outs carry 3 significant digits.
      expect(Math.abs(lr - expected(step)) / expected(step)).toBeLessThan(5e-3);
    };
    check();
    for (const key of [
      '{PageUp}',
      '{PageUp}',
      '{ArrowRight}',
      '{PageUp}',
      '{ArrowLeft}',
      '{ArrowUp}',
    ]) {
      await userEvent.keyboard(key);
      await el.updateComplete;
      check();
    }
    // Home 0, PageUp +10, +10, Right +1, PageUp +10, Left -1, Up +1.
    expect(visited).toEqual([0, 10, 20, 21, 31, 30, 31]);
    expect(readout()).toBe('step 31: lr 0.01');
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(parseReadout(readout()).step).toBe(99);
    expect(area.getAttribute('aria-valuenow')).toBe('99');
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(parseReadout(readout()).step).toBe(99); // clamped at the end
    await userEvent.keyboard('{Home}{PageDown}');
    await el.updateComplete;
    expect(readout()).toBe('step 0: lr 0.1'); // clamped at the start
  });

  it('announces the read-out in a polite live region', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 100 });
    expect($('[part="readout"]')!.getAttribute('aria-live')).toBe('polite');
    expect($('[part="cursor-area"]')!.getAttribute('role')).toBe('slider');
  });

  it('moves the cursor under the pointer', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 101 });
    const area = $<HTMLElement>('[part="cursor-area"]')!;
    const box = area.getBoundingClientRect();
    area.dispatchEvent(
      new PointerEvent('pointermove', {
        clientX: box.left + box.width / 2,
        clientY: box.top + 5,
        bubbles: true,
      }),
    );
    await el.updateComplete;
    // Half-way across 0..100 is step 50: lr 0.1 * 0.1^1.
    expect(readout()).toBe('step 50: lr 0.01');
    expect($('[part="cursor"]')).not.toBeNull();
  });

  it('toggles a log-scale y axis from its button', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 100 });
    const linearPath = $('[part="lr-line"]')!.getAttribute('d');
    const events: boolean[] = [];
    el.addEventListener('lr-curve-log-change', (e) => events.push(e.detail.log));
    const button = $<HTMLButtonElement>('[part="log-toggle"]')!;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(button);
    await el.updateComplete;
    expect(el.log).toBe(true);
    expect(el.hasAttribute('log')).toBe(true);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(events).toEqual([true]);
    expect($('[part="lr-line"]')!.getAttribute('d')).not.toBe(linearPath);
    // On a log axis the three StepLR plateaus (0.1, 0.01, 0.001, 0.0001) are equally spaced.
    const ys = [
      ...$('[part="lr-line"]')!
        .getAttribute('d')!
        .matchAll(/[ML][^,]+,([^ML]+)/g),
    ].map((m) => Number(m[1]));
    const gap1 = ys[30] - ys[0];
    const gap2 = ys[60] - ys[30];
    expect(gap1).toBeGreaterThan(10);
    expect(gap2).toBeCloseTo(gap1, 2); // d3-path rounds to 3 decimals
    const ticks = [...el.shadowRoot!.querySelectorAll('.axis-y .tick text')].map(
      (t) => t.textContent,
    );
    expect(ticks).toContain('1e-4');
  });

  it('shows an inline message for an invalid schedule instead of throwing', async () => {
    await mount({
      schedule: { type: 'Nope' } as unknown as SchedulerConfig,
      baseLr: 0.1,
      steps: 100,
    });
    const error = $('[part="error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toMatch(/Invalid schedule/);
    expect($('svg')).toBeNull();
    // Fixing the input brings the plot back.
    el.schedule = stepLR;
    await el.updateComplete;
    expect($('[part="error"]')).toBeNull();
    expect(pathPoints('lr-line')).toBe(100);
  });

  it('names the attribute when its JSON is broken, and reads valid JSON', async () => {
    await mount({ baseLr: 0.1, steps: 10 });
    el.setAttribute('schedule', '{"type": "StepLR",');
    await el.updateComplete;
    expect($('[part="error"]')!.textContent).toMatch(/schedule is not valid JSON/);
    el.setAttribute('schedule', '{"type":"StepLR","stepSize":5,"gamma":0.5}');
    el.setAttribute('base-lr', '0.2');
    await el.updateComplete;
    expect($('[part="error"]')).toBeNull();
    expect(el.baseLr).toBe(0.2);
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(readout()).toBe('step 9: lr 0.1'); // 0.2 * 0.5^floor(9/5)
  });

  it('rejects a bad horizon and base lr with messages naming them', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 0 });
    expect($('[part="error"]')!.textContent).toMatch(/steps must be/);
    el.steps = 10;
    el.baseLr = -1;
    await el.updateComplete;
    expect($('[part="error"]')!.textContent).toMatch(/base-lr must be a positive number/);
  });

  it('marks the current step', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 101 });
    expect($('[part="current-step"]')).toBeNull();
    el.currentStep = 50;
    await el.updateComplete;
    const marker = $('[part="current-step"]')!;
    const plotWidth = $<HTMLElement>('[part="cursor-area"]')!.getBoundingClientRect().width;
    expect(Number(marker.getAttribute('x1'))).toBeCloseTo(plotWidth / 2, 0);
  });

  it('moves only the marker when the current step changes: no path or axis rebuild', async () => {
    const steps = 4000;
    await mount({ schedule: { type: 'CosineAnnealingLR', tMax: steps }, baseLr: 0.1, steps });
    el.currentStep = 0;
    await el.updateComplete;
    const draws = el.drawCount;
    const path = $('[part="lr-line"]')!;
    const marker = $('[part="current-step"]')!;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(el.shadowRoot!, {
      subtree: true,
      attributes: true,
      childList: true,
      characterData: true,
    });
    const plotWidth = $<HTMLElement>('[part="cursor-area"]')!.getBoundingClientRect().width;
    for (let move = 1; move <= 100; move++) {
      const step = move * 39;
      el.currentStep = step;
      // Moved at once (no update cycle needed), to step / (steps - 1) of the plot's width.
      expect(Number(marker.getAttribute('x1'))).toBeCloseTo((step / (steps - 1)) * plotWidth, 0);
      expect(marker.getAttribute('x2')).toBe(marker.getAttribute('x1'));
    }
    await el.updateComplete;
    await nextFrame();
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(el.drawCount).toBe(draws);
    expect($('[part="lr-line"]')).toBe(path);
    expect($('[part="current-step"]')).toBe(marker);
    // Each move wrote x1 and x2 of the marker, and nothing else changed.
    expect(records).toHaveLength(200);
    for (const record of records) {
      expect(record.target).toBe(marker);
      expect(['x1', 'x2']).toContain(record.attributeName);
    }
    // Unset hides the marker; a step again shows it, still without redrawing the path.
    el.currentStep = undefined;
    await el.updateComplete;
    expect($('[part="current-step"]')).toBeNull();
    el.setAttribute('current-step', '1999');
    await el.updateComplete;
    expect(Number($('[part="current-step"]')!.getAttribute('x1'))).toBeCloseTo(plotWidth / 2, 0);
    expect(el.drawCount).toBe(draws);
  });

  it('samples the schedule again only when its inputs change by value', async () => {
    await mount({ schedule: { ...stepLR }, baseLr: 0.1, steps: 100 });
    const draws = el.drawCount;
    const d = $('[part="lr-line"]')!.getAttribute('d');
    // A host that rebuilds an equal config on each render costs nothing.
    el.schedule = { ...stepLR };
    el.baseLr = 0.1;
    await el.updateComplete;
    expect(el.drawCount).toBe(draws);
    // A different gamma is a new curve: 0.1, 0.05, 0.025, 0.0125 instead of powers of 0.1.
    el.schedule = { ...stepLR, gamma: 0.5 };
    await el.updateComplete;
    expect(el.drawCount).toBe(draws + 1);
    expect($('[part="lr-line"]')!.getAttribute('d')).not.toBe(d);
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(readout()).toBe('step 99: lr 0.0125');
    // The read-out cursor re-renders, but does not rebuild the path either.
    expect(el.drawCount).toBe(draws + 1);
  });

  it('draws a cycled momentum on a second axis for OneCycleLR', async () => {
    await mount({
      schedule: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: 100 },
      baseLr: 0.1,
      steps: 100,
    });
    expect(pathPoints('momentum-line')).toBe(100);
    expect($('.axis-y2 .tick')).not.toBeNull();
    expect($('[part="legend"]')!.textContent).toContain('momentum');
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    // OneCycleLR starts at maxLr / divFactor (25) with momentum at maxMomentum (0.95).
    expect(readout()).toBe('step 0: lr 0.004, momentum 0.95');
  });

  it('draws pushed lr values (a run history) instead of the schedule', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 100 });
    el.values = { lr: [0.5, 0.25, 0.125, 0.0625] };
    await el.updateComplete;
    expect(pathPoints('lr-line')).toBe(4);
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(readout()).toBe('step 3: lr 0.0625');
  });

  it('previews ReduceLROnPlateau without metrics as flat, with a note', async () => {
    await mount({ schedule: { type: 'ReduceLROnPlateau' }, baseLr: 0.1, steps: 20 });
    expect($('[part="note"]')!.textContent).toMatch(/ReduceLROnPlateau/);
    expect(pathPoints('lr-line')).toBe(20);
  });

  it('follows its container width down to 360 px', async () => {
    await mount({ schedule: stepLR, baseLr: 0.1, steps: 100 });
    expect(Number($('svg')!.getAttribute('width'))).toBe(640);
    el.style.width = '360px';
    await nextFrame();
    await nextFrame();
    await el.updateComplete;
    expect(Number($('svg')!.getAttribute('width'))).toBe(360);
    expect(el.scrollWidth).toBeLessThanOrEqual(360);
    expect(pathPoints('lr-line')).toBe(100);
  });

  it('replays ReduceLROnPlateau on the metrics it is given', async () => {
    // mode min, factor 0.1, patience 2, threshold 1e-4 rel: the metric improves for three
    // steps, then stalls. Stalls after step 2: bad epochs 1, 2, 3 -> the 3rd exceeds patience,
    // so scheduler.step() after step 5 cuts lr to 0.01 for step 6 onwards.
    const metrics = [1, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8];
    await mount({
      schedule: { type: 'ReduceLROnPlateau', patience: 2 },
      baseLr: 0.1,
      steps: 100,
      metrics,
    });
    expect($('[part="note"]')).toBeNull();
    expect(pathPoints('lr-line')).toBe(metrics.length + 1);
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{Home}');
    for (let k = 0; k < 5; k++) await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(readout()).toBe('step 5: lr 0.1');
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(readout()).toBe('step 6: lr 0.01');
  });
});
