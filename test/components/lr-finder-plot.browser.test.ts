// <lr-finder-plot> in real Chromium, with a hand-made LR range test whose numbers can be
// checked by eye: five lrs one decade apart (1e-3 .. 10), so on the log axis each sits a
// quarter of the width from the last, and lr 0.1 is exactly in the middle.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../components/lr-finder-plot/index';
import type { LrFinderPlot, LrPickDetail } from '../../components/lr-finder-plot/index';
import type { LrFinderResult } from '../../src/protocol/api';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

// Smoothed loss falls fastest between lr 1e-3 and 1e-1 (central differences per decade:
// (0.5 - 1) / 2 = -0.25 at lr 0.01, (0.45 - 0.9) / 2 = -0.225 at lr 0.1), so the steepest
// point is lr 0.01; the lowest smoothed loss (0.45) is at lr 1, so minimum / 10 is 0.1.
function handMade(stoppedEarly = false): LrFinderResult {
  return {
    lr: new Float32Array([1e-3, 1e-2, 1e-1, 1, 10]),
    loss: new Float32Array([1, 0.9, 0.5, 0.3, 2]),
    smoothedLoss: new Float32Array([1, 0.9, 0.5, 0.45, 1.2]),
    stoppedEarly,
    suggestion: { steepest: 0.01, minimumDiv10: 0.1 },
  };
}

let el: LrFinderPlot;

async function mount(result?: LrFinderResult): Promise<LrFinderPlot> {
  el = document.createElement('lr-finder-plot');
  el.style.width = '640px';
  el.result = result;
  document.body.append(el);
  await el.updateComplete;
  // Let the ResizeObserver report the real width and the element re-render at it.
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
  return el;
}

afterEach(() => el?.remove());

const $ = <T extends Element = HTMLElement>(part: string) =>
  el.shadowRoot!.querySelector<T>(`[part="${part}"]`);
const readout = () => $('readout')!.textContent!.trim();
/** The SVG's width minus the plot's left (52) and right (14) margins. */
const innerWidth = () => Number($('svg')!.getAttribute('width')) - 66;
function pathPoints(part: string): [number, number][] {
  const d = $(part)!.getAttribute('d')!;
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('<lr-finder-plot>', () => {
  it('is accessible (axe), with a label and a text summary of the result', async () => {
    await mount(handMade(true));
    expect((await axe.run(el)).violations).toEqual([]);
    expect($('svg')!.getAttribute('aria-label')).toBe(
      'LR range test: loss against learning rate (log scale), 5 steps',
    );
    const summary = $('summary')!.textContent!;
    expect(summary).toContain('LR range test over 5 steps, lr from 0.001 to 10');
    expect(summary).toContain('lowest smoothed loss 0.45 at lr 1');
    expect(summary).toContain('steepest descent at lr 0.01');
    expect(summary).toContain('minimum / 10 is lr 0.1');
    expect(summary).toContain('stopped early');
  });

  it('says there is nothing yet before a result arrives', async () => {
    await mount();
    expect($('empty')!.textContent).toContain('No LR range test yet');
    expect($('svg')).toBeNull();
  });

  it('draws the loss on a log lr axis: one decade per quarter of the width', async () => {
    await mount(handMade());
    const w = innerWidth();
    const smoothed = pathPoints('smoothed-line');
    expect(smoothed).toHaveLength(5);
    smoothed.forEach(([x], i) => expect(x).toBeCloseTo((w * i) / 4, 1));
    expect(pathPoints('raw-line')).toHaveLength(5);
    // Markers: lr 0.01 a quarter in, lr 0.1 half-way.
    expect(Number($('marker-steepest')!.getAttribute('x1'))).toBeCloseTo(w / 4, 1);
    expect(Number($('marker-minimum')!.getAttribute('x1'))).toBeCloseTo(w / 2, 1);
  });

  it('keeps the blow-up from flattening the curve: the y axis stops at 1.5x the drop', async () => {
    await mount(handMade());
    // Losses span 0.3 .. 2; the axis covers 0.3 .. 1 + (1 - 0.3) / 2 = 1.35, so the raw
    // 2 at the end sits on the top edge and the lowest raw loss (0.3) on the bottom one.
    const raw = pathPoints('raw-line');
    const height = raw[3][1];
    expect(raw[4][1]).toBeCloseTo(0, 5);
    const smoothed = pathPoints('smoothed-line');
    // Smoothed 1 (first point) is at (1.35 - 1) / (1.35 - 0.3) = 1/3 of the height from the top.
    expect(smoothed[0][1] / height).toBeCloseTo(1 / 3, 3);
  });

  it('reads out the point under the cursor from the keyboard', async () => {
    await mount(handMade());
    const area = $('cursor-area')!;
    area.focus();
    await el.updateComplete;
    expect(readout()).toBe('lr 0.001: loss 1 (smoothed 1)');
    await userEvent.keyboard('{ArrowRight}');
    expect(readout()).toBe('lr 0.01: loss 0.9 (smoothed 0.9)');
    await userEvent.keyboard('{End}');
    expect(readout()).toBe('lr 10: loss 2 (smoothed 1.2)');
    expect(area.getAttribute('aria-valuetext')).toBe('lr 10: loss 2 (smoothed 1.2)');
    await userEvent.keyboard('{ArrowLeft}');
    expect(readout()).toBe('lr 1: loss 0.3 (smoothed 0.45)');
    await userEvent.keyboard('{Home}');
    expect(area.getAttribute('aria-valuenow')).toBe('0');
  });

  it('reads out the nearest point on hover', async () => {
    await mount(handMade());
    const area = $('cursor-area')!;
    const box = area.getBoundingClientRect();
    // Just right of the middle (lr 0.1) on the log axis.
    area.dispatchEvent(
      new PointerEvent('pointermove', { clientX: box.left + box.width * 0.55, bubbles: true }),
    );
    await el.updateComplete;
    expect(readout()).toBe('lr 0.1: loss 0.5 (smoothed 0.5)');
  });

  it('fires lr-pick with the suggestion its button names', async () => {
    await mount(handMade());
    const picks: number[] = [];
    el.addEventListener('lr-pick', (e: CustomEvent<LrPickDetail>) => picks.push(e.detail.lr));
    expect($('use-steepest')!.textContent).toContain('Use lr = 0.01');
    expect($('use-minimum')!.textContent).toContain('Use lr = 0.1');
    $('use-minimum')!.click();
    $('use-steepest')!.click();
    expect(picks).toEqual([0.1, 0.01]);
  });

  it('rounds a suggestion to what its button says, and hides a suggestion that is NaN', async () => {
    const result = handMade();
    result.suggestion = { steepest: 0.0123456, minimumDiv10: Number.NaN };
    await mount(result);
    const picks: number[] = [];
    el.addEventListener('lr-pick', (e) => picks.push(e.detail.lr));
    expect($('use-steepest')!.textContent).toContain('Use lr = 0.0123 ');
    expect($('use-minimum')).toBeNull();
    expect($('marker-minimum')).toBeNull();
    $('use-steepest')!.click();
    expect(picks).toEqual([0.0123]);
  });
});

// The third suggestion, fastai's valley, and the note on noisy curves (finder-noise.ts).
/** 41 lrs from 1e-6 to 10 (0.175 decades apart); the smoothed loss falls, then blows up. */
function curve(noise: number): LrFinderResult {
  const n = 41;
  const lr = Float32Array.from({ length: n }, (_, i) => 10 ** (-6 + (7 * i) / (n - 1)));
  const smoothedLoss = Float32Array.from(lr, (x) => {
    const d = Math.log10(x);
    return 0.7 - 0.5 / (1 + Math.exp(-3 * (d + 3))) + (d > -0.5 ? 3 * (d + 0.5) ** 2 : 0);
  });
  const loss = Float32Array.from(smoothedLoss, (s, i) => s + noise * (-1) ** i);
  return {
    lr,
    loss,
    smoothedLoss,
    stoppedEarly: false,
    suggestion: { steepest: 1e-3, minimumDiv10: 1e-2, valley: 3e-3 },
  };
}

describe('<lr-finder-plot> valley and noise', () => {
  it('draws the valley where its lr is, and its button picks it', async () => {
    await mount(curve(0));
    const x = (part: string) => Number($(part)!.getAttribute('x1'));
    // On the log axis from 1e-6 to 10, the markers sit at (log10(lr) + 6) / 7 of the width:
    // steepest 1e-3 at 3/7, valley 3e-3 at 3.477/7, minimum / 10 (1e-2) at 4/7.
    const width = Number($('svg')!.getAttribute('width')) - 66; // minus the margins
    expect(x('marker-steepest') / width).toBeCloseTo(3 / 7, 2);
    expect(x('marker-valley') / width).toBeCloseTo((Math.log10(3e-3) + 6) / 7, 2);
    expect(x('marker-minimum') / width).toBeCloseTo(4 / 7, 2);
    const picks: number[] = [];
    el.addEventListener('lr-pick', (e) => picks.push(e.detail.lr));
    expect($('use-valley')!.textContent).toContain('Use lr = 0.003 (valley)');
    $('use-valley')!.click();
    expect(picks).toEqual([0.003]);
    expect($('summary')!.textContent).toContain('the valley rule suggests lr 0.003');
  });

  it('a clean curve says nothing about noise; a noisy one says it is noisy', async () => {
    await mount(curve(0));
    expect($('noise')).toBeNull();
    el.remove();
    // The descent (from point 4 to the lowest point) is about 0.5; jumps of 2 x 0.08 are more
    // than a quarter of it.
    await mount(curve(0.08));
    expect($('noise')!.textContent).toMatch(/^This curve is noisy: the loss jumps by 0\.\d+/);
    expect((await axe.run(el)).violations).toEqual([]);
  });

  it('a result without a valley (written by hand) shows the other two only', async () => {
    const result = curve(0);
    result.suggestion = { steepest: 1e-3, minimumDiv10: 1e-2 };
    await mount(result);
    expect($('marker-valley')).toBeNull();
    expect($('use-valley')).toBeNull();
    expect($('use-steepest')).not.toBeNull();
  });
});
