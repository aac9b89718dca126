import { afterEach, describe, expect, it } from 'vitest';
import '../../../components/loss-plot/index';
import '../../../components/lr-curve/index';

// Streams what a busy <optim-lab> hands its plots: 8 runs x 5,000 points into <loss-plot>
// and 1,000 moves of <lr-curve>'s step marker, each in a task of its own. It asserts how much
// work that causes (redraw counts, DOM writes), not how long it took: wall-clock time on a
// shared 2-core machine is noise. The longest task seen is printed for the record.

const RUNS = 8;
const POINTS = 5_000;
const MARKER_MOVES = 1_000;
/** One loss chunk per run every this many marker moves: 100 chunks of 50 points per run. */
const MOVES_PER_CHUNK = MARKER_MOVES / (POINTS / 50);

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

async function mount<K extends 'loss-plot' | 'lr-curve'>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  el.style.width = '640px';
  Object.assign(el, props);
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  await nextFrame();
  await nextFrame();
  await el.updateComplete;
  return el;
}

/** Every DOM change inside a shadow root, as "tag[part] attribute" (or the change type). */
function watch(el: HTMLElement): { changes: () => string[]; stop: () => void } {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(el.shadowRoot!, {
    subtree: true,
    attributes: true,
    childList: true,
    characterData: true,
  });
  return {
    changes: () => {
      records.push(...observer.takeRecords());
      return records.map((r) => {
        const target = r.target instanceof Element ? r.target : r.target.parentElement;
        const name = `${target?.localName}[${target?.getAttribute('part') ?? ''}]`;
        return r.type === 'attributes' ? `${name} ${r.attributeName}` : `${name} ${r.type}`;
      });
    },
    stop: () => observer.disconnect(),
  };
}

function lossChunk(run: number, offset: number, n: number) {
  const steps = Int32Array.from({ length: n }, (_, i) => offset + i);
  const loss = Float32Array.from(steps, (s) => (run + 1) / (1 + s / 500) + 0.05 * Math.sin(s));
  return { steps, loss, epochs: Float32Array.from(steps, (s) => s / 100) };
}

describe('plots under streaming load', () => {
  it('moves only the lr marker and redraws the loss plot at most once per frame', async () => {
    const curve = await mount('lr-curve', {
      schedule: { type: 'OneCycleLR', maxLr: 0.1, totalSteps: POINTS },
      baseLr: 0.1,
      steps: POINTS,
    });
    const plot = await mount('loss-plot');
    const runs = Array.from({ length: RUNS }, (_, i) => ({ id: `r${i}`, label: `Run ${i + 1}` }));
    plot.setRuns(runs);
    await nextFrame();
    await nextFrame();

    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const task of list.getEntries()) longTasks.push(Math.round(task.duration));
    });
    observer.observe({ type: 'longtask' });
    // The marker's first appearance is a render; what follows must be moves alone.
    curve.currentStep = 0;
    await curve.updateComplete;
    const curveChanges = watch(curve);
    const curveDraws = curve.drawCount;
    const plotDraws = plot.drawCount;
    let frames = 0;
    let counting = true;
    const countFrames = () => {
      if (!counting) return;
      frames++;
      requestAnimationFrame(countFrames);
    };
    requestAnimationFrame(countFrames);
    const started = performance.now();

    let offset = 0;
    for (let move = 1; move <= MARKER_MOVES; move++) {
      curve.currentStep = Math.round((move * (POINTS - 1)) / MARKER_MOVES);
      if (move % MOVES_PER_CHUNK === 0) {
        for (let run = 0; run < RUNS; run++) {
          plot.appendLoss(runs[run].id, lossChunk(run, offset, 50));
        }
        offset += 50;
      }
      await nextTask();
    }
    await nextFrame();
    await nextFrame();
    counting = false;
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100)); // let longtask entries arrive
    observer.disconnect();
    curveChanges.stop();
    const changes = curveChanges.changes();
    console.log(
      `[main-thread] ${MARKER_MOVES} marker moves + ${RUNS}x${POINTS} points in ${Math.round(elapsed)} ms, ` +
        `${frames} frames; lr-curve draws ${curve.drawCount - curveDraws}, ` +
        `loss-plot draws ${plot.drawCount - plotDraws}; longest task ${Math.max(0, ...longTasks)} ms, ` +
        `long tasks ${JSON.stringify(longTasks)}; lr-curve DOM changes ${changes.length}`,
    );

    // The curve itself is never redrawn for a marker move: no path rebuild...
    expect(curve.drawCount - curveDraws).toBe(0);
    // ...and the only DOM writes are the marker's position (x1 and x2 of one element).
    expect(new Set(changes)).toEqual(new Set(['line[current-step] x1', 'line[current-step] x2']));
    // Two writes per move that lands on a new pixel position (all of them here: 5 steps/move).
    expect(changes.length).toBe(2 * MARKER_MOVES);
    const marker = curve.shadowRoot!.querySelector('[part="current-step"]')!;
    const width = curve
      .shadowRoot!.querySelector('[part="cursor-area"]')!
      .getBoundingClientRect().width;
    expect(Number(marker.getAttribute('x1'))).toBeCloseTo(width, 0);
    // The loss plot drew at most once per frame (it saw 100 chunks of 8 appends).
    const draws = plot.drawCount - plotDraws;
    expect(draws).toBeGreaterThan(0);
    expect(draws).toBeLessThanOrEqual(frames + 1);
    expect(plot.shadowRoot!.querySelector('[part="summary"]')!.textContent).toMatch(
      new RegExp(`^8 runs; latest loss: Run 1 [\\d.]+ at step ${POINTS - 1},`),
    );
  });
});
