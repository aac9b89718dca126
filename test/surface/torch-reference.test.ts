// Trajectories on loss surfaces against PyTorch 1.13 (test/reference/surface_reference.py):
// the same config, step by step: points, f, gradients, lr, momentum and optimizer state.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTrajectories, createSurface, parseSurfaceConfig } from '../../src/index';
import type { SurfaceRun } from '../../src/index';
import { mismatches } from '../support/tolerance';
import { cases } from './reference';
import type { SurfaceCase } from './reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const f32 = (x: number) => Math.fround(x);
/** Distance in float32 ulps (both numbers float32-representable). */
function ulps(a: number, b: number): number {
  const view = new Float32Array([a, b]);
  const bits = new Int32Array(view.buffer);
  const ordered = (i: number) => (bits[i] < 0 ? 0x80000000 - bits[i] : bits[i]);
  return Math.abs(ordered(0) - ordered(1));
}

const finitePoints = (c: SurfaceCase) =>
  c.expected.points
    .map((point, i) => ({ point, i }))
    .filter(({ point }) => point.every((v) => v !== null)) as { point: number[]; i: number }[];

describe('the gradient at θ is the same number in PyTorch and here', () => {
  // Both sides evaluate f and its gradient in float64 at a float32 point and feed the
  // gradient as float32 (see the fixture's docstring). At the fixture's own points, only
  // the order of float64 operations differs: f agrees to 1e-12 relative, and the float32
  // gradient to one ulp (rounding a float64 that sits on a float32 rounding boundary).
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const surface = createSurface(parseSurfaceConfig(c.config));
    const g = new Float64Array(2);
    for (const { point, i } of finitePoints(c)) {
      // The JSON holds the shortest decimal that rounds to torch's float32: round it back.
      const loss = surface.valueAndGradient(f32(point[0]), f32(point[1]), g);
      const expectedLoss = c.expected.loss[i];
      const expectedGrad = c.expected.grad[i];
      if (expectedLoss === null || expectedGrad.some((v) => v === null)) continue;
      expect(Math.abs(loss - expectedLoss), `f at point ${i}`).toBeLessThanOrEqual(
        1e-12 * Math.abs(expectedLoss) + 1e-300,
      );
      for (const k of [0, 1]) {
        expect(
          ulps(f32(g[k]), expectedGrad[k] as number),
          `grad[${k}] at point ${i}`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });
});

function stateRow(run: SurfaceRun, row: number): Record<string, number[]> {
  const width = run.stateKeys.reduce((sum, key) => sum + key.size, 0);
  const out: Record<string, number[]> = {};
  for (const key of run.stateKeys) {
    const at = row * width + key.offset;
    out[key.name] = [...run.state.subarray(at, at + key.size)];
  }
  return out;
}

const norm = (v: readonly number[]) => Math.hypot(...v);

/**
 * Tolerances. Points: the optimizer suite's own (|a - e| <= 1e-5 |e| + 1e-6): float32
 * arithmetic in a different order than torch's drifts by a few ulps per step. Gradient and
 * state: a point that agrees to float32 rounding (~1e-7) has a gradient that differs by the
 * Hessian times that, and on Rosenbrock ||H|| is ~1e3, so 1e-3 of the vector's size (measured
 * worst: 1.1e-4 for gradients, 2.6e-5 for state, over every case and step). lr and momentum
 * are float64 scheduler arithmetic on both sides: 1e-12 relative.
 */
const DERIVED_RTOL = 1e-3;

describe('trajectories match torch.optim 1.13 step by step', () => {
  it('the fixture covers every optimizer type, the SGD presets and schedulers', () => {
    const types = new Set(
      cases.flatMap(({ config }) =>
        (config.runs ?? []).flatMap((run) =>
          run.optimizer.type === 'Lookahead'
            ? ['Lookahead', run.optimizer.optimizer.type]
            : [run.optimizer.type],
        ),
      ),
    );
    expect([...types].sort()).toEqual(
      [
        'Adadelta',
        'Adagrad',
        'Adam',
        'AdamW',
        'Adamax',
        'Lookahead',
        'NAdam',
        'RAdam',
        'RMSprop',
        'SGD',
      ].sort(),
    );
    const functions = new Set(cases.map(({ config }) => config.function));
    expect(functions.size).toBe(7);
    const schedulers = new Set(
      cases.map(({ config }) => config.runs?.[0].scheduler?.type ?? 'None'),
    );
    expect(schedulers.size).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.filter((c) => !c.name.endsWith('diverges')).map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const before = tf.memory().numTensors;
      const { runs } = await computeTrajectories(c.config);
      expect(tf.memory().numTensors).toBe(before);
      const [run] = runs;
      const { expected } = c;
      expect(run.status).toBe('done');
      expect(run.steps).toBe(c.config.steps);
      for (let i = 0; i <= run.steps; i++) {
        const at = `point ${i}`;
        const point = [run.points[2 * i], run.points[2 * i + 1]];
        expect(mismatches(point, expected.points[i] as number[]), at).toEqual([]);
        const grad = [run.grad[2 * i], run.grad[2 * i + 1]];
        const expectedGrad = expected.grad[i] as number[];
        const gradError = norm(grad.map((v, k) => v - expectedGrad[k]));
        expect(gradError, `grad at ${at}`).toBeLessThanOrEqual(
          DERIVED_RTOL * norm(expectedGrad) + 1e-9,
        );
        const loss = expected.loss[i] as number;
        expect(Math.abs(run.loss[i] - loss), `f at ${at}`).toBeLessThanOrEqual(
          1e-5 * Math.abs(loss) + 1e-9,
        );
        if (i === 0) continue;
        const step = `step ${i}`;
        expect(Math.abs(run.lr[i - 1] - expected.lr[i - 1]), `lr of ${step}`).toBeLessThanOrEqual(
          1e-12 * expected.lr[i - 1],
        );
        const momentum = expected.momentum[i - 1];
        if (momentum === null) expect(run.momentum[i - 1], `momentum of ${step}`).toBeNaN();
        else expect(run.momentum[i - 1], `momentum of ${step}`).toBeCloseTo(momentum, 12);
        const ours = stateRow(run, i - 1);
        const theirs = expected.state[i - 1];
        // torch's SGD keeps no step counter; ours (and our Lookahead) do. Every other key is torch's.
        const base = run.optimizer.type === 'Lookahead' ? run.optimizer.optimizer : run.optimizer;
        const extra = base.type === 'SGD' ? ['step'] : [];
        expect(Object.keys(ours).sort(), `state keys after ${step}`).toEqual(
          [...Object.keys(theirs), ...extra].sort(),
        );
        for (const [key, value] of Object.entries(theirs)) {
          const want = Array.isArray(value) ? value : [value];
          const error = norm(ours[key].map((v, k) => v - want[k]));
          expect(error, `${key} after ${step}`).toBeLessThanOrEqual(
            DERIVED_RTOL * norm(want) + 1e-9,
          );
          if (key === 'step') expect(ours[key], `step after ${step}`).toEqual(want);
        }
      }
    },
  );

  it('stops a run whose points grow without bound where torch overflows', async () => {
    const c = cases.find((candidate) => candidate.name === 'rosenbrock SGD diverges');
    if (c === undefined) throw new Error('fixture case missing');
    const config = parseSurfaceConfig(c.config);
    const { runs } = await computeTrajectories(c.config);
    const [run] = runs;
    // The first fixture point further than 100 view half-diagonals from the view's centre
    // (or no longer finite) is where the engine must stop, with every point before it equal.
    const { x, y } = config.view;
    const radius = (100 * Math.hypot(x[1] - x[0], y[1] - y[0])) / 2;
    const centre = [(x[0] + x[1]) / 2, (y[0] + y[1]) / 2];
    const far = c.expected.points.findIndex(
      (p) =>
        p.some((v) => v === null) ||
        Math.hypot((p[0] as number) - centre[0], (p[1] as number) - centre[1]) > radius,
    );
    expect(far).toBeGreaterThan(0);
    expect(run.status).toBe('diverged');
    expect(run.diverged?.point).toBe(far);
    expect(run.diverged?.reason).toBe('exploding');
    expect(run.steps).toBe(far);
    for (let i = 0; i <= far; i++) {
      expect(
        mismatches([run.points[2 * i], run.points[2 * i + 1]], c.expected.points[i] as number[]),
      ).toEqual([]);
    }
    expect(run.leftView).toBeGreaterThan(0);
    expect(run.leftView).toBeLessThanOrEqual(far);
  });
});
