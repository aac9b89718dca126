import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../protocol/experiment';

/** PyTorch's nn.LeakyReLU default slope (tf.leakyRelu defaults to 0.2). */
export const LEAKY_SLOPE = 0.01;

/** Exact GELU, x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), as torch.nn.GELU() computes it. */
function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
}

export function applyActivation(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, LEAKY_SLOPE);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'gelu':
      return gelu(x);
    case 'linear':
      return x;
  }
}

/** Activations whose gradient tf.fused.matMul implements (fusing saves two ops per layer). */
export function isFusable(activation: Activation): activation is 'relu' | 'linear' {
  return activation === 'relu' || activation === 'linear';
}
