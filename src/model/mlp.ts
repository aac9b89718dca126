/**
 * The MLP as plain tensors: no LayersModel, so a training step is one forward/backward built
 * from a handful of ops (per-op overhead, not arithmetic, is what costs at this size).
 */
import * as tf from '@tensorflow/tfjs';
import { applyActivation, isFusable } from './activations';
import { layerShapes } from './init';
import type { Activation } from '../protocol/experiment';
import type { TaskKind } from '../protocol/api';

export interface MlpSpec {
  inputDims: number;
  hidden: readonly number[];
  activation: Activation;
  task: TaskKind;
  /** Coupled L2 penalty on weight matrices (biases excluded), added to the training loss. */
  l2: number;
}

/** Parameters in order [W0, b0, W1, b1, ...]. */
export type Parameters = readonly tf.Tensor[];

/** Creates one trainable tf.Variable per parameter from initial values (see initialWeights). */
export function createVariables(spec: MlpSpec, values: readonly Float32Array[]): tf.Variable[] {
  const shapes = layerShapes(spec.inputDims, spec.hidden);
  // tidy disposes the temporary initial-value tensors; variables are never tidied away.
  return tf.tidy(() =>
    shapes.flatMap(({ fanIn, fanOut }, layer) => [
      tf.variable(tf.tensor2d(values[2 * layer], [fanIn, fanOut]), true),
      tf.variable(tf.tensor1d(values[2 * layer + 1]), true),
    ]),
  );
}

/** Overwrites variables with values (e.g. back to the initial weights on reset). */
export function assignVariables(
  variables: readonly tf.Variable[],
  values: readonly Float32Array[],
): void {
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape))));
}

/** Network output, shape [batch]: logits for classification, predictions for regression. */
export function forward(spec: MlpSpec, params: Parameters, x: tf.Tensor2D): tf.Tensor1D {
  const layers = params.length / 2;
  let h: tf.Tensor2D = x;
  for (let layer = 0; layer < layers; layer++) {
    const w = params[2 * layer] as tf.Tensor2D;
    const b = params[2 * layer + 1];
    const isOutput = layer === layers - 1;
    const activation: Activation = isOutput ? 'linear' : spec.activation;
    if (isFusable(activation)) {
      h = tf.fused.matMul({ a: h, b: w, bias: b, activation }) as tf.Tensor2D;
    } else {
      h = applyActivation(tf.add(tf.matMul(h, w), b), activation) as tf.Tensor2D;
    }
  }
  return tf.reshape(h, [-1]);
}

/**
 * Mean data loss: binary cross-entropy with logits (torch BCEWithLogitsLoss, in its stable form
 * max(z, 0) - z*y + log(1 + exp(-|z|))) or mean squared error (torch MSELoss).
 */
export function dataLoss(task: TaskKind, output: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  if (task === 'regression') return tf.mean(tf.squaredDifference(output, y));
  const perPoint = tf.add(
    tf.sub(tf.relu(output), tf.mul(output, y)),
    tf.log1p(tf.exp(tf.neg(tf.abs(output)))),
  );
  return tf.mean(perPoint);
}

/** l2 * sum of squared weight-matrix entries. */
export function l2Penalty(params: Parameters, l2: number): tf.Scalar {
  const squares = params.filter((_, i) => i % 2 === 0).map((w) => tf.sum(tf.square(w)));
  return tf.mul(tf.addN(squares), l2);
}

/** What the optimizer minimizes: data loss plus the L2 penalty when l2 > 0. */
export function trainingLoss(
  spec: MlpSpec,
  params: Parameters,
  x: tf.Tensor2D,
  y: tf.Tensor1D,
): tf.Scalar {
  const loss = dataLoss(spec.task, forward(spec, params, x), y);
  return spec.l2 > 0 ? tf.add(loss, l2Penalty(params, spec.l2)) : loss;
}

/** Share of points classified right (logit > 0 means class 1), as a scalar in [0, 1]. */
export function accuracy(output: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(output, 0), 'float32'), y), 'float32'));
}
