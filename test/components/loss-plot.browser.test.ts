import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import '../../components/loss-plot/index';
import type { LossPlot } from '../../components/loss-plot/index';

let el: LossPlot;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function mount(): Promise<LossPlot> {
  el = document.createElement('loss-plot');
  el.style.width = '640px';
  document.body.append(el);
  await el.updateComplete;
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
  return el;
}

/** Let the coalesced redraw happen and Lit render its summary. */
async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
}

const $ = <T extends Element>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
const readout = () => $('[part="readout"]')!.textContent!.trim();

function range(n: number, f: (i: number) => number = (i) => i): number[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

function paintedPixels(): number {
  const canvas = $<HTMLCanvasElement>('canvas')!;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted;
}

function threeRuns(): void {
  el.setRuns([
    { id: 'a', label: 'Adam' },
    { id: 'b', label: 'SGD' },
    { id: 'c', label: 'RMSprop' },
  ]);
  const steps = Int32Array.from(range(901));
  el.appendLoss('a', { steps, loss: Float32Array.from(range(901, (i) => 1 / (1 + i / 100))) });
  el.appendLoss('b', { steps, loss: Float32Array.from(range(901, (i) => 2 - i / 1000)) });
  el.appendLoss('c', {
    steps,
    loss: Float32Array.from(range(901, (i) => 0.5 + 0.1 * Math.sin(i))),
  });
}

afterEach(() => el?.remove());

describe('<loss-plot>', () => {
  it('has no accessibility violations', async () => {
    await mount();
    threeRuns();
    el.appendEval('a', {
      steps: Int32Array.from([300, 600, 900]),
      valLoss: Float32Array.from([0.3, 0.2, 0.15]),
    });
    await settle();
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    const result = await axe.run(el);
    expect(result.violations).toEqual([]);
  });

  it('summarises the runs in the aria-label and a text summary', async () => {
    await mount();
    expect($('[part="summary"]')!.textContent).toBe('No runs yet.');
    threeRuns();
    await settle();
    // Last losses: 1/(1+9) = 0.1, 2 - 0.9 = 1.1, 0.5 + 0.1 sin(900).
    const c = Math.fround(0.5 + 0.1 * Math.sin(900));
    const expected = `3 runs; latest loss: Adam 0.1 at step 900, SGD 1.1 at step 900, RMSprop ${Number(c.toPrecision(3))} at step 900`;
    expect($('[part="summary"]')!.textContent).toBe(expected);
    const image = $('[part="image"]')!;
    expect(image.getAttribute('role')).toBe('img');
    expect(image.getAttribute('aria-label')).toBe(`Training loss. ${expected}`);
    const legend = [...el.shadowRoot!.querySelectorAll('[part="legend-item"]')].map((li) =>
      li.textContent!.trim(),
    );
    expect(legend).toEqual(['Adam', 'SGD', 'RMSprop']);
  });

  it('paints the canvas only once there is data, at devicePixelRatio resolution', async () => {
    await mount();
    el.setRuns([{ id: 'a', label: 'Adam' }]);
    await settle();
    expect(paintedPixels()).toBe(0);
    el.appendLoss('a', {
      steps: Int32Array.from(range(100)),
      loss: Float32Array.from(range(100, (i) => 1 / (i + 1))),
    });
    await settle();
    expect(paintedPixels()).toBeGreaterThan(100);
    const canvas = $<HTMLCanvasElement>('canvas')!;
    expect(canvas.width).toBe(Math.round(canvas.getBoundingClientRect().width * devicePixelRatio));
    el.clear();
    await settle();
    expect(paintedPixels()).toBe(0);
  });

  it('coalesces many appends into one redraw per frame', async () => {
    await mount();
    el.setRuns([{ id: 'a', label: 'A' }]);
    await settle();
    const before = el.drawCount;
    for (let chunk = 0; chunk < 100; chunk++) {
      const steps = Int32Array.from(range(10, (i) => chunk * 10 + i));
      el.appendLoss('a', { steps, loss: Float32Array.from(range(10, () => Math.random())) });
    }
    expect(el.drawCount).toBe(before); // nothing drawn synchronously
    await settle();
    expect(el.drawCount).toBe(before + 1);
  });

  it('stays responsive with 8 runs x 20,000 points streamed in chunks', async () => {
    await mount();
    const runs = range(8).map((i) => ({ id: `r${i}`, label: `Run ${i + 1}` }));
    el.setRuns(runs);
    await settle();
    const chunk = 1000;
    let frames = 0;
    const start = el.drawCount;
    for (let offset = 0; offset < 20_000; offset += chunk) {
      for (const [r, run] of runs.entries()) {
        // Several appends per run per frame, as a worker's batched progress would deliver them.
        for (let part = 0; part < chunk; part += 250) {
          const steps = Int32Array.from(range(250, (i) => offset + part + i));
          const loss = Float32Array.from(
            steps,
            (s) => (r + 1) / (1 + s / 1000) + 0.05 * Math.sin(s * 0.37),
          );
          el.appendLoss(run.id, { steps, loss, epochs: Float32Array.from(steps, (s) => s / 1000) });
        }
      }
      await nextFrame();
      frames++;
    }
    await settle();
    const draws = el.drawCount - start;
    // One redraw per frame at most (plus the settling frames), not one per append (640).
    expect(draws).toBeLessThanOrEqual(frames + 2);
    expect(draws).toBeGreaterThan(0);
    // Each redraw strokes at most 4 points per pixel column per curve (raw + smoothed).
    const ctx = $<HTMLCanvasElement>('canvas')!.getContext('2d')!;
    let segments = 0;
    const original = ctx.lineTo.bind(ctx);
    ctx.lineTo = (x: number, y: number) => {
      segments++;
      original(x, y);
    };
    el.smoothing = 0.9;
    await settle();
    const columns = $<HTMLElement>('[part="cursor-area"]')!.getBoundingClientRect().width;
    expect(segments).toBeGreaterThan(0);
    expect(segments).toBeLessThanOrEqual(8 * 2 * 4 * Math.ceil(columns));
    expect($('[part="summary"]')!.textContent).toMatch(
      /^8 runs; latest loss: Run 1 [\d.]+ at step 19999,/,
    );
    expect(paintedPixels()).toBeGreaterThan(1000);
  });

  it('repaints only the newest columns while streaming, to the same pixels as a full redraw', async () => {
    await mount();
    const runs = range(8).map((i) => ({ id: `r${i}`, label: `Run ${i + 1}` }));
    el.setRuns(runs);
    const chunkOf = (r: number, from: number, n: number) => {
      const steps = Int32Array.from(range(n, (i) => from + i));
      const loss = Float32Array.from(steps, (s) => (r + 1) / (1 + s / 500) + 0.1 * Math.sin(s));
      return { steps, loss };
    };
    // Up to step 3001 first (x axis 0..4000); later steps up to 3999 keep that axis.
    for (const [r, run] of runs.entries()) el.appendLoss(run.id, chunkOf(r, 0, 3002));
    await settle();
    const ctx = $<HTMLCanvasElement>('canvas')!.getContext('2d')!;
    let segments = 0;
    const lineTo = ctx.lineTo.bind(ctx);
    ctx.lineTo = (x: number, y: number) => {
      segments++;
      lineTo(x, y);
    };
    const columns = Math.round(
      $<HTMLElement>('[part="cursor-area"]')!.getBoundingClientRect().width,
    );
    let perFrame = 0;
    for (let from = 3002; from < 4000; from += 50) {
      const before = el.drawCount;
      segments = 0;
      const n = Math.min(50, 4000 - from);
      for (const [r, run] of runs.entries()) el.appendLoss(run.id, chunkOf(r, from, n));
      await settle();
      expect(el.drawCount).toBe(before + 1);
      perFrame = Math.max(perFrame, segments);
    }
    // 50 steps span ceil(50 / 4000 * columns) + 1 columns; the redraw adds 2 + 3 more on the
    // left (seam and lead-in). At most 4 points per column, raw + smoothed, 8 runs...
    const redrawn = Math.ceil((50 / 4000) * columns) + 1 + 5;
    expect(perFrame).toBeLessThanOrEqual(8 * 2 * 4 * redrawn);
    // ...where a full repaint strokes every column of every run.
    segments = 0;
    const streamed = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;
    el.setRuns(runs); // same runs, same data: repaints everything
    await settle();
    expect(segments).toBeGreaterThan(8 * 2 * columns * 0.7);
    const repainted = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;
    // Compared premultiplied (what the eye sees over the page): anti-aliasing may differ by a
    // level or so where partial repaints met, but no stroke may be missing or doubled there.
    let differing = 0;
    let worst = 0;
    let painted = 0;
    for (let i = 0; i < repainted.length; i += 4) {
      if (repainted[i + 3] > 0) painted++;
      let diff = Math.abs(repainted[i + 3] - streamed[i + 3]);
      for (let c = 0; c < 3; c++) {
        const a = (repainted[i + c] * repainted[i + 3]) / 255;
        const b = (streamed[i + c] * streamed[i + 3]) / 255;
        diff = Math.max(diff, Math.abs(a - b));
      }
      if (diff > 2) differing++;
      worst = Math.max(worst, diff);
    }
    console.log(
      `[loss-plot] segments per frame ${perFrame}, full ${segments}; ` +
        `${differing} of ${painted} pixels differ, by at most ${worst.toFixed(1)}`,
    );
    expect(painted).toBeGreaterThan(1000);
    expect(differing).toBeLessThan(painted * 0.01);
    expect(worst).toBeLessThanOrEqual(16);
  });

  it('spans total-steps from the start, so streaming never repaints the whole canvas', async () => {
    /** Streams 2 runs x 2,000 steps in 40-step chunks: how many frames repainted all, and
     * the x axis' last tick after the first chunk. */
    async function stream(totalSteps?: number): Promise<{ full: number; firstEnd?: string }> {
      await mount();
      if (totalSteps !== undefined) el.setAttribute('total-steps', String(totalSteps));
      el.setRuns([
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ]);
      await settle();
      const ctx = $<HTMLCanvasElement>('canvas')!.getContext('2d')!;
      let segments = 0;
      const lineTo = ctx.lineTo.bind(ctx);
      ctx.lineTo = (x: number, y: number) => {
        segments++;
        lineTo(x, y);
      };
      let full = 0;
      let firstEnd: string | undefined;
      for (let from = 0; from < 2000; from += 40) {
        segments = 0;
        for (const id of ['a', 'b']) {
          const steps = Int32Array.from(range(40, (i) => from + i));
          // Its range is reached within the first chunk, so the y axis stays put.
          el.appendLoss(id, {
            steps,
            loss: Float32Array.from(steps, (k) => 1 + 0.5 * Math.sin(k)),
          });
        }
        await settle();
        // A partial repaint strokes a few columns; a full one every column with data
        // (from/2000 of the width; x grows in steps of 40 here so at least 20 % after 400).
        if (from >= 400 && segments > 2 * 2 * 4 * 40) full++;
        firstEnd ??= [...el.shadowRoot!.querySelectorAll('.axis-x .tick text')].at(-1)?.textContent;
      }
      el.remove();
      return { full, firstEnd };
    }
    // Without a horizon the axis end grows 500, 600, 800, 1000, 1200, 1500, 2000 after step
    // 400: each jump moves every pixel. With it, the axis ends at 2,000 all along.
    const growing = await stream();
    expect(growing.full).toBeGreaterThanOrEqual(5);
    expect(growing.firstEnd).toBe('40');
    const fixed = await stream(2000);
    expect(fixed.full).toBe(0);
    expect(fixed.firstEnd).toBe('2000');
  });

  it('reads out TensorBoard smoothing computed by hand', async () => {
    await mount();
    el.smoothing = 0.5;
    el.setRuns([{ id: 'a', label: 'Adam' }]);
    el.appendLoss('a', { steps: Int32Array.from([0, 1, 2]), loss: Float32Array.from([1, 2, 3]) });
    await settle();
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    // Debiased EMA, w = 0.5: 1, (0.25 + 1) / 0.75 = 5/3, (0.625 + 1.5) / 0.875 = 17/7.
    expect(readout()).toBe('Adam: loss 1, smoothed 1 at step 0');
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(readout()).toBe('Adam: loss 3, smoothed 2.43 at step 2');
    // Smoothing 0 turns smoothing off.
    el.smoothing = 0;
    await el.updateComplete;
    expect(readout()).toBe('Adam: loss 3 at step 2');
    // The slider drives the property and fires loss-plot-change.
    const changes: number[] = [];
    el.addEventListener('loss-plot-change', (e) => changes.push(e.detail.smoothing));
    const slider = $<HTMLInputElement>('[part="smoothing"]')!;
    slider.focus();
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(el.smoothing).toBeCloseTo(0.01, 10);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('reads out the nearest point of every run under the pointer', async () => {
    await mount();
    el.setRuns([
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ]);
    el.smoothing = 0;
    el.appendLoss('a', {
      steps: Int32Array.from(range(101)),
      loss: Float32Array.from(range(101, (i) => i / 100)),
    });
    el.appendLoss('b', {
      steps: Int32Array.from(range(51, (i) => 2 * i)),
      loss: Float32Array.from(range(51, () => 7)),
    });
    await settle();
    const area = $<HTMLElement>('[part="cursor-area"]')!;
    const box = area.getBoundingClientRect();
    area.dispatchEvent(
      new PointerEvent('pointermove', {
        clientX: box.left + box.width * 0.5,
        clientY: box.top + 4,
        bubbles: true,
      }),
    );
    await el.updateComplete;
    expect(readout()).toBe('A: loss 0.5 at step 50; B: loss 7 at step 50');
    expect($('[part="cursor"]')).not.toBeNull();
  });

  it('toggles a log-scale y axis', async () => {
    await mount();
    el.setRuns([{ id: 'a', label: 'A' }]);
    el.appendLoss('a', {
      steps: Int32Array.from(range(1000)),
      loss: Float32Array.from(range(1000, (i) => 10 ** (-i / 250))),
    });
    await settle();
    const changes: boolean[] = [];
    el.addEventListener('loss-plot-change', (e) => changes.push(e.detail.log));
    const button = $<HTMLButtonElement>('[part="log-toggle"]')!;
    await userEvent.click(button);
    await settle();
    expect(el.log).toBe(true);
    expect(el.hasAttribute('log')).toBe(true);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(changes).toEqual([true]);
    const ticks = [...el.shadowRoot!.querySelectorAll('.axis-y .tick text')]
      .map((t) => t.textContent)
      .filter(Boolean);
    // Loss falls over four decades: a log axis labels them as powers of ten.
    expect(ticks).toEqual(expect.arrayContaining(['1e-4', '0.001', '0.01', '0.1', '1']));
  });

  it('switches x to epochs when runs report them', async () => {
    await mount();
    el.setRuns([{ id: 'a', label: 'A' }]);
    el.smoothing = 0;
    el.appendLoss('a', {
      steps: Int32Array.from(range(40)),
      loss: Float32Array.from(range(40, (i) => 1 / (i + 1))),
      epochs: Float32Array.from(range(40, (i) => i / 10)),
    });
    await settle();
    const select = $<HTMLSelectElement>('[part="x-axis-select"]')!;
    await userEvent.selectOptions(select, 'epoch');
    await settle();
    expect(el.xAxis).toBe('epoch');
    expect(el.getAttribute('x-axis')).toBe('epoch');
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(readout()).toBe('A: loss 0.025 at epoch 3.9');
    const ticks = [...el.shadowRoot!.querySelectorAll('.axis-x .tick text')].map((t) =>
      Number(t.textContent),
    );
    expect(Math.max(...ticks)).toBeLessThanOrEqual(4);
  });

  it('draws validation loss dashed, and keeps data of runs that stay in setRuns', async () => {
    await mount();
    el.setRuns([
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
    ]);
    el.appendLoss('a', {
      steps: Int32Array.from(range(10)),
      loss: Float32Array.from(range(10, () => 1)),
    });
    el.appendEval('a', { steps: Int32Array.from([5, 9]), valLoss: Float32Array.from([0.9, 0.8]) });
    const ctx = $<HTMLCanvasElement>('canvas')!.getContext('2d')!;
    const dashes: number[][] = [];
    const original = ctx.setLineDash.bind(ctx);
    ctx.setLineDash = (segments: number[]) => {
      dashes.push([...segments]);
      original(segments);
    };
    await settle();
    expect(dashes).toContainEqual([5, 4]);
    el.setRuns([{ id: 'a', label: 'Adam (renamed)' }]);
    await settle();
    expect($('[part="summary"]')!.textContent).toBe(
      '1 run; latest loss: Adam (renamed) 1 at step 9',
    );
  });

  it("draws a run's SWA average dotted in the run's colour, with a legend entry and words", async () => {
    await mount();
    el.smoothing = 0;
    el.setRuns([
      { id: 'a', label: 'SGD + SWA', color: 'rgb(0, 114, 178)' },
      { id: 'b', label: 'Adam' },
    ]);
    const steps = Int32Array.from(range(101));
    el.appendLoss('a', { steps, loss: Float32Array.from(range(101, () => 1)) });
    // Run b (orange) falls to 0.2, so the y axis spans 0.2 to 1 before the average arrives.
    el.appendLoss('b', { steps, loss: Float32Array.from(range(101, (i) => 1 - 0.008 * i)) });
    el.appendEval('a', {
      steps: Int32Array.from([20, 40, 60, 80, 100]),
      valLoss: Float32Array.from([0.9, 0.9, 0.9, 0.9, 0.9]),
    });
    await settle();
    const canvas = $<HTMLCanvasElement>('canvas')!;
    const ctx = canvas.getContext('2d')!;
    // Pixels of run a's colour (blue) in the band where the average's line will be (loss
    // 0.2 to 0.3): none yet, a's lines are at 0.9 and 1.
    const bandPixels = () => {
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      const rows = canvas.height;
      for (let row = Math.floor(rows * 0.55); row < rows; row++) {
        for (let col = 0; col < canvas.width; col++) {
          const i = 4 * (row * canvas.width + col);
          if (data[i + 3] > 0 && data[i + 2] > 120 && data[i] < 80) count++;
        }
      }
      return count;
    };
    const before = bandPixels();
    const dashes: number[][] = [];
    const setLineDash = ctx.setLineDash.bind(ctx);
    ctx.setLineDash = (segments: number[]) => {
      dashes.push([...segments]);
      setLineDash(segments);
    };
    el.appendSwaEval('a', {
      steps: Int32Array.from([60, 80, 100]),
      valLoss: Float32Array.from([0.3, 0.25, 0.2]),
    });
    await settle();
    expect(before).toBe(0);
    expect(bandPixels()).toBeGreaterThan(20);
    expect(dashes).toContainEqual([5, 4]);
    expect(dashes).toContainEqual([1.5, 3]);
    const legend = [...el.shadowRoot!.querySelectorAll('[part="legend-item"]')];
    expect(legend.map((li) => li.textContent!.trim())).toEqual([
      'SGD + SWA',
      'SGD + SWA: SWA average (validation, dotted)',
      'Adam',
    ]);
    const swatch = getComputedStyle(legend[1].querySelector('.swatch')!);
    expect(swatch.borderTopStyle).toBe('dotted');
    expect(swatch.borderTopColor).toBe('rgb(0, 114, 178)');
    const summary =
      '2 runs; latest loss: SGD + SWA 1 at step 100, Adam 0.2 at step 100; SWA average validation loss (dotted): SGD + SWA 0.2 at step 100';
    expect($('[part="summary"]')!.textContent).toBe(summary);
    expect($('[part="image"]')!.getAttribute('aria-label')).toBe(`Training loss. ${summary}`);
    $<HTMLElement>('[part="cursor-area"]')!.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(readout()).toBe(
      'SGD + SWA: loss 1 at step 100, SWA average validation loss 0.2; Adam: loss 0.2 at step 100',
    );
    expect((await axe.run(el)).violations).toEqual([]);
    // Cleared with the rest: no average, no legend entry.
    el.clear();
    await settle();
    expect(el.shadowRoot!.querySelectorAll('[part="legend-item"]')).toHaveLength(2);
  });

  it('gives back every point it holds, and another plot takes them as they were', async () => {
    await mount();
    el.setRuns([{ id: 'a', label: 'Adam' }]);
    el.appendLoss('a', { steps: [1, 2, 3], loss: [0.9, 0.7, 0.6], epochs: [0.1, 0.2, 0.3] });
    el.appendLoss('a', { steps: [4], loss: [0.5], epochs: [0.4] });
    el.appendEval('a', { steps: [4], valLoss: [0.55] });
    el.appendSwaEval('a', { steps: [4], valLoss: [0.5] });
    const [history] = el.history();
    expect(history.spec).toEqual({ id: 'a', label: 'Adam' });
    expect(Array.from(history.loss.steps)).toEqual([1, 2, 3, 4]);
    expect(Array.from(history.loss.loss)).toEqual([0.9, 0.7, 0.6, 0.5]);
    expect(Array.from(history.loss.epochs)).toEqual([0.1, 0.2, 0.3, 0.4]);
    // The validation point's epoch is the training point's at the same step.
    expect(Array.from(history.eval.steps)).toEqual([4]);
    expect(Array.from(history.eval.valLoss)).toEqual([0.55]);
    expect(Array.from(history.eval.epochs)).toEqual([0.4]);
    expect(Array.from(history.swa.valLoss)).toEqual([0.5]);
    expect(Array.from(history.swa.epochs)).toEqual([0.4]);
    // Copies: clearing the plot leaves what was handed out alone.
    el.clear();
    expect(history.loss.loss.length).toBe(4);
    const other = document.createElement('loss-plot');
    document.body.append(other);
    try {
      other.setRuns([history.spec]);
      other.appendLoss('a', history.loss);
      other.appendEval('a', history.eval);
      other.appendSwaEval('a', history.swa);
      expect(other.history()).toEqual([history]);
    } finally {
      other.remove();
    }
  });

  it('rejects chunks whose arrays differ in length, naming the fields', async () => {
    await mount();
    expect(() =>
      el.appendLoss('a', { steps: Int32Array.from([1, 2]), loss: Float32Array.from([1]) }),
    ).toThrow(/loss has 1 values but steps has 2/);
  });

  it('stops drawing once removed from the page', async () => {
    await mount();
    el.appendLoss('a', { steps: Int32Array.from([0, 1]), loss: Float32Array.from([1, 2]) });
    const before = el.drawCount;
    el.remove();
    await nextFrame();
    await nextFrame();
    expect(el.drawCount).toBe(before);
  });

  it('offers the epoch axis only when runs report epochs', async () => {
    await mount();
    el.appendLoss('a', { steps: Int32Array.from([0, 1]), loss: Float32Array.from([1, 2]) });
    await settle();
    const epoch = $<HTMLOptionElement>('option[value="epoch"]')!;
    expect(epoch.disabled).toBe(true);
    el.appendLoss('b', {
      steps: Int32Array.from([0, 1]),
      loss: Float32Array.from([1, 2]),
      epochs: Float32Array.from([0, 0.5]),
    });
    await settle();
    expect(epoch.disabled).toBe(false);
  });

  it('fits a 360 px wide container', async () => {
    await mount();
    threeRuns();
    el.style.width = '360px';
    await settle();
    await settle();
    const canvas = $<HTMLCanvasElement>('canvas')!;
    expect(canvas.getBoundingClientRect().width).toBe(360);
    expect(canvas.width).toBe(Math.round(360 * devicePixelRatio));
    expect(el.scrollWidth).toBeLessThanOrEqual(360);
    expect(paintedPixels()).toBeGreaterThan(100);
  });
});
