/**
 * The fused optimizer update (host coefficients + the CPU loop's elementwise pass) against
 * PyTorch 1.13's own trajectories (test/reference/optim.json) and against the op-by-op
 * optimizers of src/optim on TF.js's cpu backend, step by step, for every optimizer and
 * option the fixtures cover (lr / momentum / betas changed mid-run included).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  freshHostState,
  initialSlotValue,
  writeCoefficients,
  COEFFICIENTS,
} from '../../src/fused/coefficients';
import type { StepHyperparameters } from '../../src/fused/coefficients';
import { updateWeights } from '../../src/fused/cpu/update';
import { optimizerPlan } from '../../src/fused/plan';
import { createOptimizer } from '../../src/optim';
import type { OptimizerConfig, TorchOptimizer } from '../../src/optim';
import { applyHyperparameters, hyperparametersOf } from '../../src/train/engine';
import {
  gradientCases,
  gradientsAt,
  initialParams,
  lossCases,
  mismatches,
  reference,
} from '../optim/reference';
import type { HyperparameterChange } from '../optim/reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A fused "run" on flat weights, fed the gradients the caller computes. */
function fusedOptimizer(config: OptimizerConfig, start: readonly number[]) {
  const plan = optimizerPlan(config);
  const host = freshHostState();
  const weights = Float32Array.from(start);
  const slots = Array.from({ length: plan.slotCount }, (_, slot) =>
    new Float32Array(weights.length).fill(initialSlotValue(plan, slot)),
  );
  const coefficients = new Float32Array(COEFFICIENTS);
  return {
    weights,
    step(grads: Float32Array, hyper: StepHyperparameters) {
      writeCoefficients(plan, host, hyper, coefficients, 0);
      updateWeights(plan, coefficients, weights, grads, slots, new Float32Array(weights.length));
    },
  };
}

/** The hyperparameters a fresh optimizer of `config` holds, then changed as torch changed them. */
function hyperTrack(config: OptimizerConfig) {
  const holder = createOptimizer(config);
  return {
    at(step: number, changes: readonly HyperparameterChange[]): StepHyperparameters {
      for (const change of changes) {
        if (change.step !== step) continue;
        applyHyperparameters(holder, {
          lr: change.lr ?? holder.lr,
          momentum: change.momentum ?? change.betas?.[0] ?? hyperparametersOf(holder).momentum,
          beta2: change.betas?.[1] ?? hyperparametersOf(holder).beta2,
        });
      }
      return hyperparametersOf(holder);
    },
    holder,
  };
}

describe('fused update vs torch.optim 1.13 and the op-by-op optimizers', () => {
  it.each(gradientCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const { w, b } = initialParams();
    const ops: TorchOptimizer = createOptimizer(testCase.config);
    const track = hyperTrack(testCase.config);
    const fused = fusedOptimizer(testCase.config, [
      ...reference.params.w.values,
      ...reference.params.b.values,
    ]);
    testCase.expected.forEach((expected, step) => {
      const hyper = track.at(step, testCase.changes);
      applyHyperparameters(ops, hyper);
      const grads = gradientsAt(step, w, b);
      ops.applyGradients(grads);
      tf.dispose(grads);
      const gradient = Float32Array.from([
        ...reference.gradients[step].w,
        ...reference.gradients[step].b,
      ]);
      fused.step(gradient, hyper);
      expect(mismatches(fused.weights, expected), `step ${step + 1} vs torch`).toEqual([]);
      // Same ops, same roundings: the op-by-op path's numbers exactly.
      expect([...fused.weights], `step ${step + 1} vs ops`).toEqual([
        ...w.dataSync(),
        ...b.dataSync(),
      ]);
    });
    ops.dispose();
    track.holder.dispose();
    tf.dispose([w, b]);
  });
});

/** Gradients by hand, in float64 then rounded (as a backward pass would hold them). */
function lossGradient(testCase: (typeof lossCases)[number], p: Float32Array): Float32Array {
  if (testCase.loss === 'rosenbrock') {
    const [x, y] = p;
    return Float32Array.of(-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x));
  }
  // 0.5 * mean((A p - target)^2): gradient A^T (A p - target) / rows.
  const { a, target } = reference.quadratic;
  const [rows, cols] = a.shape;
  const grad = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    let residual = -target[r];
    for (let c = 0; c < cols; c++) residual += a.values[r * cols + c] * p[c];
    for (let c = 0; c < cols; c++) grad[c] += (a.values[r * cols + c] * residual) / rows;
  }
  return Float32Array.from(grad);
}

describe('fused update minimizes the fixtures losses as torch does', () => {
  it.each(lossCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const fused = fusedOptimizer(testCase.config, testCase.start);
    const track = hyperTrack(testCase.config);
    testCase.expected.forEach((expected, step) => {
      fused.step(lossGradient(testCase, fused.weights), track.at(step, []));
      // The gradients here are float64 by hand, torch's float32 autograd: as loose as
      // torch-reference.test.ts holds the op-by-op path on these losses.
      expect(mismatches(fused.weights, expected, 1e-4, 1e-5), `step ${step + 1}`).toEqual([]);
    });
    track.holder.dispose();
  });
});
