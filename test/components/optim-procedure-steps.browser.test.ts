// The steps of <optim-procedure> that do more than race runs, in real Chromium with the real
// worker: the LR range test (Adam or RAdam, its valley adopted, a noisy curve saying so),
// step 5's loss plot of step 4 beside the schedule choice, step 6's SGD race, and step 8's
// random search (bounded, seeded). Sized by steps: 10 per run, 100 for the range test.
import { describe, expect, it } from 'vitest';
import { curveNoise } from '../../components/lr-finder-plot/finder-noise';
import { roundLr } from '../../components/lr-finder-plot/finder-data';
import type { LrFinderPlot } from '../../components/lr-finder-plot/index';
import type { LossPlot } from '../../components/loss-plot/index';
import { lossShape, SHAPE_TEXT } from '../../components/optim-procedure/loss-shape';
import type { OptimProcedure } from '../../components/optim-procedure/index';
import { MAX_RUNS } from '../../src/protocol/experiment';
import {
  SMALL,
  find,
  get,
  mountProcedure,
  rankedLabels,
  stepLab,
  text,
  trainStep,
} from './support/procedure';

async function goTo(el: OptimProcedure, step: number): Promise<void> {
  el.step = step;
  await el.updateComplete;
}

async function runRangeTest(
  el: OptimProcedure,
  optimizer: 'Adam' | 'RAdam',
): Promise<LrFinderPlot> {
  await goTo(el, 2);
  el.shadowRoot!.querySelector<HTMLInputElement>(`#finder-${optimizer}`)!.click();
  await el.updateComplete;
  const button = get<HTMLButtonElement>(el, 'find-lr-button');
  expect(text(button)).toBe(`Run the LR range test with ${optimizer}`);
  button.click();
  await expect.poll(() => find(el, 'lr-finder-plot'), { timeout: 60_000 }).not.toBeNull();
  const plot = get<LrFinderPlot>(el, 'lr-finder-plot');
  await plot.updateComplete;
  return plot;
}

describe('step 3: the LR range test', () => {
  it('ramps the lr up to 10 (or the blow-up); its valley, adopted, is the recipe lr with RAdam', async () => {
    // Moons with 8 hidden units learns within the test's 100 steps (the spiral does not).
    const el = await mountProcedure({ ...SMALL, dataset: 'moons' });
    const before = el.recipe.runs[0];
    const plot = await runRangeTest(el, 'RAdam');
    const result = plot.result!;
    const n = result.lr.length;
    // The recipe trains 10 steps; the test takes the floor of 100, one lr each.
    expect(result.stoppedEarly || n === 100).toBe(true);
    expect(result.lr[0]).toBeCloseTo(1e-7, 12);
    if (!result.stoppedEarly) expect(result.lr[n - 1]).toBe(10);
    expect(text(get(el, 'finder-status'))).toContain('Tested with RAdam');
    const valley = result.suggestion.valley!;
    expect(Number.isFinite(valley)).toBe(true);
    // All three are drawn on the plot and explained beside it.
    for (const marker of ['marker-steepest', 'marker-minimum', 'marker-valley']) {
      expect(plot.shadowRoot!.querySelector(`[part="${marker}"]`)).not.toBeNull();
    }
    expect(text(get(el, 'suggestions'))).toMatch(/steepest.*min \/ 10.*valley/);
    plot.shadowRoot!.querySelector<HTMLButtonElement>('[part="use-valley"]')!.click();
    await el.updateComplete;
    const run = el.recipe.runs[0];
    expect(run.optimizer).toEqual({ type: 'RAdam', lr: roundLr(valley) });
    // The schedule stays the recipe's.
    expect(run.scheduler).toEqual(before.scheduler);
    expect(text(get(el, 'adoption'))).toContain(
      `RAdam at lr ${text(plot.shadowRoot!.querySelector('[part="use-valley"]')).match(/lr = ([\d.e-]+)/)![1]}`,
    );
    // The plot says it is noisy exactly when the measure says so.
    const noisy = curveNoise(result).kind !== 'clean';
    expect(plot.shadowRoot!.querySelector('[part="noise"]') !== null).toBe(noisy);
  });

  it('a curve from batches of 2 points is noisy, and the plot says so', async () => {
    const el = await mountProcedure({ ...SMALL, 'batch-size': '2' });
    const plot = await runRangeTest(el, 'Adam');
    const noise = curveNoise(plot.result!);
    expect(noise.kind).toBe('noisy');
    // Far past the threshold, so no change of engine numerics can tip it.
    expect(noise.jitter / noise.descent).toBeGreaterThan(0.5);
    expect(text(plot.shadowRoot!.querySelector('[part="noise"]'))).toMatch(/^This curve is noisy/);
  });
});

describe('step 5: a schedule for what the loss did', () => {
  it("shows step 4's loss beside the choice, and races the chosen schedule against the recipe", async () => {
    const el = await mountProcedure();
    await goTo(el, 3);
    await trainStep(el);
    const history = stepLab(el).lossHistory;
    get(el, 'adopt-button').click();
    await el.updateComplete;
    const adopted = el.recipe.runs[0];
    const best = rankedLabels(el)[0];
    el.next();
    await el.updateComplete;
    const plot = get(el, 'previous-loss').querySelector<LossPlot>('loss-plot')!;
    expect(plot.history()).toEqual(history);
    const followed = history.find((h) => h.spec.label === best)!;
    const shape = lossShape(followed.loss.loss)!;
    expect(text(get(el, 'advice'))).toBe(`${best}: ${SHAPE_TEXT[shape.kind]}`);
    // The five schedules; OneCycleLR chosen here (whatever was suggested).
    const schedules = get(el, 'schedules');
    expect(
      [...schedules.querySelectorAll('label')].map((l) => text(l).replace(' (suggested)', '')),
    ).toEqual([
      'StepLR',
      'MultiStepLR',
      'ReduceLROnPlateau',
      'OneCycleLR',
      'CosineAnnealingWarmRestarts',
    ]);
    schedules.querySelector<HTMLInputElement>('#schedule-OneCycleLR')!.click();
    await el.updateComplete;
    const runs = stepLab(el).experiment.runs;
    expect(runs.map((r) => r.label)).toEqual(['Recipe as it is', 'Recipe + OneCycleLR']);
    expect(runs[1].optimizer).toEqual(adopted.optimizer);
    const lr = (adopted.optimizer as { lr: number }).lr;
    expect(runs[1].scheduler).toEqual({ type: 'OneCycleLR', maxLr: lr, totalSteps: 10 });
    await trainStep(el);
    const ranked = rankedLabels(el);
    get(el, 'adopt-button').click();
    await el.updateComplete;
    expect(el.recipe.runs[0].scheduler?.type).toBe(
      ranked[0] === 'Recipe + OneCycleLR' ? 'OneCycleLR' : adopted.scheduler?.type,
    );
  });
});

describe('step 6: SGD + momentum', () => {
  it('races SGD and Nesterov at ten times the Adam recipe lr, with its schedule', async () => {
    const el = await mountProcedure();
    el.recipe = {
      ...el.recipe,
      runs: [
        {
          optimizer: { type: 'Adam', lr: 0.02 },
          scheduler: { type: 'StepLR', stepSize: 1 },
          schedulerStepOn: 'epoch',
        },
      ],
    };
    await goTo(el, 5);
    const runs = stepLab(el).experiment.runs;
    expect(runs.map((r) => r.optimizer)).toEqual([
      { type: 'Adam', lr: 0.02 },
      { type: 'SGD', lr: 0.2, momentum: 0.9 },
      { type: 'SGD', lr: 0.2, momentum: 0.9, nesterov: true },
    ]);
    for (const run of runs) expect(run.scheduler).toEqual({ type: 'StepLR', stepSize: 1 });
    await trainStep(el);
    expect(rankedLabels(el).sort()).toEqual([
      'Recipe (Adam)',
      'SGD + Nesterov 0.9',
      'SGD + momentum 0.9',
    ]);
  });
});

describe('step 8: a bounded, seeded random search', () => {
  function searchRuns(el: OptimProcedure) {
    return stepLab(el).experiment.runs.map(
      (run) => run.optimizer as { lr: number; weightDecay: number },
    );
  }

  async function type(el: OptimProcedure, id: 'searchRuns' | 'searchSeed', value: string) {
    const input = el.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
  }

  it('draws lr and weight decay log-uniformly in their ranges, the same for the same seed', async () => {
    const el = await mountProcedure();
    await goTo(el, 7);
    const lr = (el.recipe.runs[0].optimizer as { lr: number }).lr;
    const first = searchRuns(el);
    expect(first).toHaveLength(8);
    for (const run of first) {
      expect(run.lr).toBeGreaterThanOrEqual(roundLr(lr / 10));
      expect(run.lr).toBeLessThanOrEqual(roundLr(lr * 10));
      expect(run.weightDecay).toBeGreaterThanOrEqual(1e-5);
      expect(run.weightDecay).toBeLessThanOrEqual(0.1);
    }
    expect(new Set(first.map((r) => r.lr)).size).toBe(8);
    // Another seed, other runs; the first seed again, the first runs.
    await type(el, 'searchSeed', '7');
    expect(searchRuns(el)).not.toEqual(first);
    await type(el, 'searchSeed', '1');
    expect(searchRuns(el)).toEqual(first);
    const again = await mountProcedure();
    await goTo(again, 7);
    expect(searchRuns(again)).toEqual(first);
  });

  it(`is bounded by ${MAX_RUNS} runs, says why it refuses, and its best run can be adopted`, async () => {
    const el = await mountProcedure();
    await goTo(el, 7);
    await type(el, 'searchRuns', String(MAX_RUNS + 1));
    expect(find(el, 'lab')).toBeNull();
    expect(text(el.shadowRoot!.querySelector('#search-problem'))).toBe(
      `Runs: must be a whole number from 1 to ${MAX_RUNS}`,
    );
    expect(el.shadowRoot!.querySelector('#searchRuns')!.getAttribute('aria-invalid')).toBe('true');
    await type(el, 'searchRuns', '0');
    expect(find(el, 'lab')).toBeNull();
    await type(el, 'searchRuns', String(MAX_RUNS));
    expect(searchRuns(el)).toHaveLength(MAX_RUNS);
    await type(el, 'searchRuns', '4');
    await trainStep(el);
    const best = rankedLabels(el)[0];
    get(el, 'adopt-button').click();
    await el.updateComplete;
    const [, lr, wd] = /lr=([\d.e-]+) weightDecay=([\d.e-]+)/.exec(best)!;
    expect(el.recipe.runs[0].optimizer).toMatchObject({ lr: Number(lr), weightDecay: Number(wd) });
  });
});
