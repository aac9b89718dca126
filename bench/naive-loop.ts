/**
 * The baseline the engine is measured against: the loop a TF.js tutorial would write. A
 * 2-16-16-1 relu MLP as tf.variables, `tf.train.adam().minimize` with the loss returned and
 * read back every step (a training UI needs it), consecutive slices of the data as batches.
 */
import * as tf from '@tensorflow/tfjs';

export interface NaiveLoop {
  step(): Promise<void>;
  dispose(): void;
}

export function createNaiveLoop(x: Float32Array, y: Float32Array, batchSize: number): NaiveLoop {
  const count = y.length;
  const size = Math.min(batchSize, count);
  const xs = tf.tensor2d(x, [count, 2]);
  const ys = tf.tensor2d(y, [count, 1]);
  const widths = [2, 16, 16, 1];
  const weights: tf.Variable[] = [];
  for (let layer = 0; layer < widths.length - 1; layer++) {
    const fanIn = widths[layer];
    weights.push(
      tf.variable(
        tf.randomNormal([fanIn, widths[layer + 1]], 0, Math.sqrt(2 / fanIn), 'float32', layer),
      ),
    );
    weights.push(tf.variable(tf.zeros([widths[layer + 1]])));
  }
  const optimizer = tf.train.adam(0.01);
  let batch = 0;
  const batchesPerPass = Math.max(1, Math.floor(count / size));

  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      const start = (batch % batchesPerPass) * size;
      let h: tf.Tensor2D = xs.slice([start, 0], [size, 2]);
      const target = ys.slice([start, 0], [size, 1]);
      for (let i = 0; i < weights.length; i += 2) {
        h = tf.add(tf.matMul(h, weights[i] as tf.Tensor2D), weights[i + 1]);
        if (i < weights.length - 2) h = tf.relu(h);
      }
      return tf.losses.sigmoidCrossEntropy(target, h) as tf.Scalar;
    });

  return {
    async step() {
      const cost = optimizer.minimize(loss, true);
      batch++;
      if (cost) {
        await cost.data();
        cost.dispose();
      }
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([xs, ys, ...weights]);
    },
  };
}
