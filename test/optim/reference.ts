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

export { mismatches } from '../support/tolerance';
export type { Mismatch } from '../support/tolerance';
