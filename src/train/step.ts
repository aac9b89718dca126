/**
 * The tensor work of one run: a training step and an evaluation. Both return scalars still on
 * the device; the trainer stacks many of them and reads them in one asynchronous transfer.
 */
import * as tf from '@tensorflow/tfjs';
import { accuracy, dataLoss, forward, trainingLoss } from '../model/mlp';
import type { MlpSpec } from '../model/mlp';
import type { Batch } from './batches';

/** A dataset split as tensors (count 0: an empty split, x and y empty). */
export interface SplitTensors {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
  count: number;
}

export interface StepOutputs {
  loss: tf.Scalar;
  gradNorm: tf.Scalar;
}

/** Global L2 norm over all gradients, as torch.nn.utils.clip_grad_norm_ reports it. */
function globalNorm(grads: tf.NamedTensorMap): tf.Scalar {
  return tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
}

/** One forward/backward pass and optimizer update. The caller owns (and disposes) the outputs. */
export function trainStep(
  spec: MlpSpec,
  variables: readonly tf.Variable[],
  optimizer: tf.Optimizer,
  batch: () => Batch,
): StepOutputs {
  const { loss, gradNorm, grads } = tf.tidy(() => {
    const { x, y } = batch();
    const { value, grads } = tf.variableGrads(
      () => trainingLoss(spec, variables, x, y),
      [...variables],
    );
    return { loss: value, gradNorm: globalNorm(grads), grads };
  });
  optimizer.applyGradients(grads);
  tf.dispose(grads);
  return { loss, gradNorm };
}

/** [valLoss, valAccuracy, trainLoss, trainAccuracy] without the L2 penalty; accuracy NaN for regression. */
export function evaluate(
  spec: MlpSpec,
  variables: readonly tf.Variable[],
  validation: SplitTensors,
  train: SplitTensors,
): tf.Scalar[] {
  return tf.tidy(() => {
    const measure = (split: SplitTensors): tf.Scalar[] => {
      if (split.count === 0) return [tf.scalar(NaN), tf.scalar(NaN)];
      const output = forward(spec, variables, split.x);
      const loss = dataLoss(spec.task, output, split.y);
      return [loss, spec.task === 'binary' ? accuracy(output, split.y) : tf.scalar(NaN)];
    };
    return [...measure(validation), ...measure(train)];
  });
}
