/** Step 8's random search: bounded, seeded, log-uniform in its ranges. */
import { describe, expect, test } from 'vitest';
import {
  LR_SPAN,
  WEIGHT_DECAY_RANGE,
  randomSearchRuns,
  searchProblem,
} from '../../../components/optim-procedure/random-search';
import { createRandom } from '../../../src/data/random';
import { MAX_RUNS, parseExperimentConfig } from '../../../src/protocol/experiment';

const base = {
  optimizer: { type: 'Adam' as const, lr: 0.01 },
  scheduler: { type: 'OneCycleLR' as const, maxLr: 0.01, totalSteps: 100 },
};

describe('randomSearchRuns', () => {
  test('draws exp(uniform(log lo, log hi)) from the seeded stream, two draws per run', () => {
    const runs = randomSearchRuns(base, { runs: 3, seed: 42 });
    const u = createRandom(42).next;
    const draw = (lo: number, hi: number) =>
      Number(Math.exp(Math.log(lo) + u() * (Math.log(hi) - Math.log(lo))).toPrecision(3));
    for (const run of runs) {
      const lr = draw(0.01 / LR_SPAN, 0.01 * LR_SPAN);
      const weightDecay = draw(...WEIGHT_DECAY_RANGE);
      expect(run.optimizer).toEqual({ type: 'Adam', lr, weightDecay });
      // The 1cycle peaks at the run's own lr.
      expect(run.scheduler).toEqual({ ...base.scheduler, maxLr: lr });
      expect(run.label).toMatch(/^Adam lr=[\d.e-]+ weightDecay=[\d.e-]+$/);
    }
    expect(runs.map((r) => r.id)).toEqual(['search-0', 'search-1', 'search-2']);
  });

  test('the same seed draws the same runs, another seed others', () => {
    const a = randomSearchRuns(base, { runs: 8, seed: 1 });
    expect(randomSearchRuns(base, { runs: 8, seed: 1 })).toEqual(a);
    expect(randomSearchRuns(base, { runs: 8, seed: 2 })).not.toEqual(a);
    // Fewer runs are the first of the same draws.
    expect(randomSearchRuns(base, { runs: 3, seed: 1 })).toEqual(a.slice(0, 3));
  });

  test('over many draws the values fill their ranges on a log scale', () => {
    const runs = randomSearchRuns(base, { runs: MAX_RUNS, seed: 7 });
    const lrs = runs.map((r) => Math.log10((r.optimizer as { lr: number }).lr));
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(-3 - 1e-9);
    expect(Math.max(...lrs)).toBeLessThanOrEqual(-1 + 1e-9);
    // Log-uniform: about as many below the centre (1e-2) as above it.
    const below = lrs.filter((x) => x < -2).length;
    expect(below).toBeGreaterThan(3);
    expect(below).toBeLessThan(MAX_RUNS - 3);
    for (const run of runs) {
      expect(() => parseExperimentConfig({ runs: [run] })).not.toThrow();
    }
  });

  test(`is bounded: 1 to ${MAX_RUNS} runs and a 32-bit seed, or it says which field is wrong`, () => {
    expect(searchProblem({ runs: MAX_RUNS, seed: 0 })).toBeUndefined();
    expect(searchProblem({ runs: MAX_RUNS + 1, seed: 0 })).toBe(
      `Runs: must be a whole number from 1 to ${MAX_RUNS}`,
    );
    expect(searchProblem({ runs: 0, seed: 0 })).toMatch(/^Runs:/);
    expect(searchProblem({ runs: 2.5, seed: 0 })).toMatch(/^Runs:/);
    expect(searchProblem({ runs: 4, seed: -1 })).toMatch(/^Seed:/);
    expect(searchProblem({ runs: 4, seed: NaN })).toMatch(/^Seed:/);
    expect(() => randomSearchRuns(base, { runs: MAX_RUNS + 1, seed: 0 })).toThrow(RangeError);
  });
});
