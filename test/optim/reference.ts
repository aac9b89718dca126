import * as tf from '@tensorflow/tfjs';
import referenceJson from '../reference/optim.json';
import type { OptimizerConfig } from '../../src/optim';

/** Shape of test/reference/optim.json (written by test/reference/optim_reference.py). */
export interface HyperparameterChange {
  step: number;
  lr?: number;
  momentum?: number;
  betas?: [number, number];
}

interface CaseBase {
  name: string;
  config: OptimizerConfig;
  /** expected[i]: parameter values (w then b, flattened) after step i, from torch. */
  expected: number[][];
}

export interface GradientCase extends CaseBase {
  kind: 'gradients';
  changes: HyperparameterChange[];
}

export interface LossCase extends CaseBase {
  kind: 'loss';
  loss: 'rosenbrock' | 'quadratic';
  start: number[];
}

interface OptimReference {
  torch: string;
  params: { w: { shape: number[]; values: number[] }; b: { shape: number[]; values: number[] } };
  gradients: { w: number[]; b: number[] }[];
  quadratic: { a: { shape: number[]; values: number[] }; target: number[] };
  cases: (GradientCase | LossCase)[];
}

export const reference = referenceJson as unknown as OptimReference;

export const gradientCases = reference.cases.filter(
  (c): c is GradientCase => c.kind === 'gradients',
);
export const lossCases = reference.cases.filter((c): c is LossCase => c.kind === 'loss');

/** Fresh variables holding the reference's initial w (3x2) and b (3). */
export function initialParams(): { w: tf.Variable; b: tf.Variable } {
  const { w, b } = reference.params;
  // tidy frees the temporary tensors; the variables keep their own reference to the data.
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor(w.values, w.shape), true),
    b: tf.variable(tf.tensor(b.values, b.shape), true),
  }));
}

/** Gradients of step `i` keyed by the variables' names, as applyGradients takes them. */
export function gradientsAt(
  i: number,
  w: tf.Variable,
  b: tf.Variable,
): { [name: string]: tf.Tensor } {
  const step = reference.gradients[i];
  return {
    [w.name]: tf.tensor(step.w, w.shape),
    [b.name]: tf.tensor(step.b, b.shape),
  };
}

export interface Mismatch {
  index: number;
  actual: number;
  expected: number;
}

/**
 * Entries outside float32 tolerance: |a - e| <= rtol * |e| + atol. 20-30 steps of float32
 * arithmetic in a different operation order than torch drift by a few ulps per step (measured:
 * every case also passes at rtol 2e-6, atol 2e-7).
 */
export function mismatches(
  actual: ArrayLike<number>,
  expected: readonly number[],
  rtol = 1e-5,
  atol = 1e-6,
): Mismatch[] {
  const out: Mismatch[] = [];
  if (actual.length !== expected.length) {
    return [{ index: -1, actual: actual.length, expected: expected.length }];
  }
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + atol))
      out.push({ index: i, actual: a, expected: e });
  }
  return out;
}
