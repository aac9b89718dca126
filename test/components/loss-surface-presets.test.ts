// Each <loss-surface> preset makes the point its know-how claims, measured from the
// trajectories the engine computes for it (the same torch-exact optimizers and schedulers the
// element's worker runs): the opening zoo has every optimizer make progress, Nesterov
// overshoots less than momentum, AdamW's decay pulls where Adam's L2 cannot, Adagrad's steps
// fade, adaptive methods and momentum escape the saddle, warm restarts kick SGD into lower
// Rastrigin basins, and OneCycleLR's warm-up survives a rate that StepLR cannot.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, presetById } from '../../components/loss-surface/presets';
import { readSurfaceAttributes } from '../../components/loss-surface/attributes';
import { computeTrajectories, createSurface, SHORTHAND_OPTIMIZERS } from '../../src/index';
import type { SurfaceResult, SurfaceRun } from '../../src/index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const results = new Map<string, SurfaceResult>();
async function run(id: string): Promise<SurfaceRun[]> {
  let result = results.get(id);
  if (result === undefined) {
    const preset = presetById(id);
    if (preset === undefined) throw new Error(`no preset ${id}`);
    result = await computeTrajectories(preset.config);
    results.set(id, result);
  }
  return result.runs;
}

const x = (r: SurfaceRun, i: number) => r.points[2 * i];
const y = (r: SurfaceRun, i: number) => r.points[2 * i + 1];
const stepLength = (r: SurfaceRun, i: number) =>
  Math.hypot(x(r, i) - x(r, i - 1), y(r, i) - y(r, i - 1));
function meanStep(r: SurfaceRun, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i <= to; i++) sum += stepLength(r, i);
  return sum / (to - from + 1);
}
const byLabel = (runs: SurfaceRun[], start: string) => {
  const found = runs.find((r) => r.label.startsWith(start));
  if (!found) throw new Error(`no run ${start}: ${runs.map((r) => r.label).join(', ')}`);
  return found;
};
const end = (r: SurfaceRun): [number, number] => [x(r, r.steps), y(r, r.steps)];
const distance = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('the preset list', () => {
  it('has the seven lessons, each valid as an attribute, with two or three sentences', () => {
    expect(PRESETS.map((p) => p.title)).toEqual([
      'The optimizer zoo',
      'Momentum vs Nesterov',
      'Adam vs AdamW',
      "Adagrad's fading steps vs RMSprop and Adadelta",
      'Escaping a saddle',
      'Warm restarts',
      'A schedule on the landscape',
    ]);
    for (const preset of PRESETS) {
      const read = readSurfaceAttributes({ preset: preset.id });
      expect(read.problems, preset.id).toEqual([]);
      expect(read.config?.runs.length, preset.id).toBeGreaterThan(0);
      expect(preset.knowHow.length, preset.id).toBeGreaterThanOrEqual(2);
      expect(preset.knowHow.length, preset.id).toBeLessThanOrEqual(3);
    }
  });
});

describe('each preset makes its point', () => {
  it('optimizer-zoo: all twelve on Rosenbrock, none diverges, every one lowers f', async () => {
    const runs = await run('optimizer-zoo');
    expect(runs).toHaveLength(SHORTHAND_OPTIMIZERS.length);
    for (const r of runs) {
      expect(r.status, r.label).toBe('done');
      expect(r.loss[r.steps], r.label).toBeLessThan(r.loss[0]);
    }
  });

  it('momentum-vs-nesterov: Nesterov overshoots the ravine floor less and settles sooner', async () => {
    const runs = await run('momentum-vs-nesterov');
    const momentum = byLabel(runs, 'SGD + momentum');
    const nesterov = byLabel(runs, 'Nesterov');
    // The overshoot: how far up the other wall (y has the other sign) each run swings after
    // first crossing the floor y = 0 of 0.5 (x² + 50 y²).
    const overshoot = (r: SurfaceRun) => {
      const side = Math.sign(y(r, 0));
      let worst = 0;
      for (let i = 1; i <= r.steps; i++)
        if (Math.sign(y(r, i)) === -side) worst = Math.max(worst, Math.abs(y(r, i)));
      return worst;
    };
    expect(overshoot(momentum)).toBeGreaterThan(1); // swings past 2/3 of the 1.5 it started at
    expect(overshoot(nesterov)).toBeLessThan(0.6 * overshoot(momentum));
    expect(nesterov.loss[50]).toBeLessThan(momentum.loss[50] / 10);
  });

  it('adam-vs-adamw: coupled decay barely moves Adam; decoupled decay pulls AdamW towards 0', async () => {
    const runs = await run('adam-vs-adamw');
    const adam = runs[0];
    const coupled = byLabel(runs, 'Adam, weightDecay');
    const decoupled = byLabel(runs, 'AdamW');
    expect(adam.label).toBe('Adam');
    // Adam with L2 minimises f + λ/2 |θ|²: find that minimum independently, by gradient
    // descent in float64 from Adam's end.
    const lambda = 0.5;
    const surface = createSurface({ function: 'himmelblau' });
    const g = [0, 0];
    let p: [number, number] = end(adam);
    for (let i = 0; i < 20_000; i++) {
      surface.valueAndGradient(p[0], p[1], g);
      p = [p[0] - 1e-3 * (g[0] + lambda * p[0]), p[1] - 1e-3 * (g[1] + lambda * p[1])];
    }
    expect(distance(end(coupled), p)).toBeLessThan(0.05);
    expect(distance(end(coupled), end(adam))).toBeLessThan(0.1);
    // AdamW's decay acts at full strength: it ends far closer to the origin.
    expect(Math.hypot(...end(decoupled))).toBeLessThan(Math.hypot(...end(coupled)) - 1.5);
    expect(distance(end(decoupled), end(coupled))).toBeGreaterThan(1.5);
  });

  it("adaptive-steps: Adagrad's steps fade and it stalls; RMSprop's and Adadelta's do not", async () => {
    const runs = await run('adaptive-steps');
    const adagrad = byLabel(runs, 'Adagrad');
    const rmsprop = byLabel(runs, 'RMSprop');
    const adadelta = byLabel(runs, 'Adadelta');
    const last = (r: SurfaceRun) => meanStep(r, r.steps - 99, r.steps);
    expect(last(adagrad)).toBeLessThan(0.01 * stepLength(adagrad, 1));
    expect(last(adagrad)).toBeLessThan(last(rmsprop));
    expect(last(adagrad)).toBeLessThan(last(adadelta));
    // RMSprop's steps grow again on the valley floor, where Adagrad's stay small.
    expect(last(rmsprop)).toBeGreaterThan(meanStep(rmsprop, 10, 50));
    expect(rmsprop.loss[rmsprop.steps]).toBeLessThan(adagrad.loss[adagrad.steps] / 2);
    expect(adadelta.loss[adadelta.steps]).toBeLessThan(adagrad.loss[adagrad.steps] / 2);
  });

  it('saddle: SGD lingers at the saddle; momentum, RMSprop and Adam escape, RMSprop first', async () => {
    const runs = await run('saddle');
    const escape = (r: SurfaceRun) => {
      for (let i = 0; i <= r.steps; i++) if (Math.abs(y(r, i)) > 1) return i;
      return Infinity;
    };
    const sgd = byLabel(runs, 'SGD');
    expect(escape(sgd)).toBe(Infinity);
    let closest = Infinity;
    for (let i = 0; i <= sgd.steps; i++)
      closest = Math.min(closest, Math.hypot(x(sgd, i), y(sgd, i)));
    expect(closest).toBeLessThan(0.2);
    // ... and ends there, still in the flat middle: its |y| has not even reached 1.
    expect(Math.abs(x(sgd, sgd.steps))).toBeLessThan(0.05);
    const rmsprop = byLabel(runs, 'RMSprop');
    for (const label of ['SGD + momentum', 'RMSprop', 'Adam']) {
      const r = byLabel(runs, label);
      expect(escape(r), label).toBeLessThan(200);
      expect(r.leftView, label).toBeDefined();
      if (r !== rmsprop) expect(escape(rmsprop), label).toBeLessThan(escape(r));
    }
  });

  it('warm-restarts: each restart kicks SGD into a lower Rastrigin basin; plain SGD stays put', async () => {
    const runs = await run('warm-restarts');
    const plain = runs[0];
    const restarts = runs[1];
    const basin = (r: SurfaceRun, i: number) => `${Math.round(x(r, i))},${Math.round(y(r, i))}`;
    // Rastrigin's local minima sit near the integer points, f there ≈ x² + y².
    expect(basin(plain, plain.steps)).toBe('-3,3');
    expect(plain.loss[plain.steps]).toBeGreaterThan(17);
    const cycleEnds = [60, 120, 180].map((step) => ({
      basin: basin(restarts, step),
      f: restarts.loss[step],
    }));
    expect(cycleEnds[1].basin).not.toBe(cycleEnds[0].basin);
    expect(cycleEnds[2].basin).not.toBe(cycleEnds[1].basin);
    expect(cycleEnds[1].f).toBeLessThan(cycleEnds[0].f);
    expect(cycleEnds[2].f).toBeLessThan(cycleEnds[1].f);
    expect(restarts.loss[restarts.steps]).toBeLessThan(3);
    expect(restarts.leftView).toBeUndefined();
    expect(restarts.status).toBe('done');
  });

  it('schedules: StepLR slows at its cut; OneCycleLR survives the peak rate StepLR cannot', async () => {
    const runs = await run('schedules');
    const [gentle, steep, oneCycle] = runs;
    expect(meanStep(gentle, 46, 50)).toBeGreaterThan(2 * meanStep(gentle, 51, 55));
    expect(gentle.loss[gentle.steps]).toBeLessThan(1e-6);
    expect(steep.status).toBe('diverged');
    expect(steep.diverged?.point).toBeLessThanOrEqual(20);
    expect(oneCycle.status).toBe('done');
    expect(oneCycle.loss[oneCycle.steps]).toBeLessThan(1e-6);
    // Its large middle carried it to another of Himmelblau's four minima.
    expect(distance(end(oneCycle), end(gentle))).toBeGreaterThan(1);
  });
});
