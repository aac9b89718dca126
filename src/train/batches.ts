/**
 * The batch order every run of an experiment shares: epoch e visits the training points in a
 * permutation seeded by (shuffleSeed, e), cut into batches of batchSize (the last one smaller,
 * as PyTorch's DataLoader with drop_last=False). Deriving each epoch's order from its index
 * alone means a run added late, or replayed after reset, sees exactly the same batches.
 */
import * as tf from '@tensorflow/tfjs';
import { epochOrder } from './epoch-orders';

export { epochOrder };

export interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
}

/** Holds the shuffled training set of the few epochs runs are currently in, as tensors. */
export class BatchSource {
  readonly stepsPerEpoch: number;
  private readonly epochs = new Map<number, Batch>();
  private static readonly CACHED_EPOCHS = 4;

  constructor(
    private readonly x: tf.Tensor2D,
    private readonly y: tf.Tensor1D,
    private readonly batchSize: number,
    private readonly shuffleSeed: number,
  ) {
    this.stepsPerEpoch = Math.ceil(x.shape[0] / batchSize);
  }

  /**
   * The batch of 0-based step `step`. Call inside tf.tidy and never dispose the result yourself:
   * it may be the cached epoch tensors (full-batch training) or slices of them.
   */
  batch(step: number): Batch {
    const epoch = Math.floor(step / this.stepsPerEpoch);
    const shuffled = this.shuffledEpoch(epoch);
    const count = this.x.shape[0];
    const start = (step % this.stepsPerEpoch) * this.batchSize;
    const size = Math.min(this.batchSize, count - start);
    if (start === 0 && size === count) return shuffled;
    return {
      x: tf.slice(shuffled.x, [start, 0], [size, this.x.shape[1]]),
      y: tf.slice(shuffled.y, [start], [size]),
    };
  }

  dispose(): void {
    for (const batch of this.epochs.values()) tf.dispose([batch.x, batch.y]);
    this.epochs.clear();
  }

  private shuffledEpoch(epoch: number): Batch {
    const cached = this.epochs.get(epoch);
    if (cached) return cached;
    if (this.epochs.size >= BatchSource.CACHED_EPOCHS) {
      // Evict the oldest epoch: runs move forward, rarely back.
      const oldest = Math.min(...this.epochs.keys());
      const evicted = this.epochs.get(oldest);
      if (evicted) tf.dispose([evicted.x, evicted.y]);
      this.epochs.delete(oldest);
    }
    const order = epochOrder(this.x.shape[0], this.shuffleSeed, epoch);
    const shuffled = tf.tidy(() => {
      const indices = tf.tensor1d(order, 'int32');
      return {
        x: tf.gather(this.x, indices) as tf.Tensor2D,
        y: tf.gather(this.y, indices) as tf.Tensor1D,
      };
    });
    // Cached across steps, so it must survive the tidy the caller builds the step in.
    tf.keep(shuffled.x);
    tf.keep(shuffled.y);
    this.epochs.set(epoch, shuffled);
    return shuffled;
  }
}
