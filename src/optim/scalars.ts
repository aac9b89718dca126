import * as tf from '@tensorflow/tfjs';

/**
 * The scalar operands of an optimizer's update as tensors, made once instead of per use.
 *
 * `tf.mul(x, 0.9)` turns the number into a new scalar tensor on every call (on WebGPU, also
 * an upload); on the tiny parameters of our MLPs that costs as much as the arithmetic. Both
 * kinds here hold exactly the tensor `tf.scalar(value)` would make (the number rounded to
 * float32), so an update reads the same bits either way.
 *
 * - `hyper(name, value)`: a hyperparameter (beta1, 1 - beta1, eps, lr...). Kept across steps
 *   and remade only when the value under that name changes (a scheduler writing `lr`), so
 *   the number of kept tensors is one per name, whatever the step count.
 * - `perStep(value)`: a value that changes every step (bias corrections), shared by every
 *   parameter in one applyGradients call. It lives in that call's tidy and is freed with it.
 */
export class ScalarCache {
  private readonly kept = new Map<string, { value: number; tensor: tf.Scalar }>();
  private readonly stepScoped = new Map<number, tf.Scalar>();

  hyper(name: string, value: number): tf.Scalar {
    const entry = this.kept.get(name);
    if (entry !== undefined && Object.is(entry.value, value)) return entry.tensor;
    // Inside applyGradients' tidy: keep it past the tidy; disposed on change or dispose().
    const tensor = tf.keep(tf.scalar(value, 'float32'));
    entry?.tensor.dispose();
    this.kept.set(name, { value, tensor });
    return tensor;
  }

  /** Only valid inside applyGradients' tidy; `endStep` forgets the tensors the tidy frees. */
  perStep(value: number): tf.Scalar {
    // A Map key cannot tell -0 from 0, and x * -0 differs from x * 0 in sign.
    if (Object.is(value, -0)) return tf.scalar(value, 'float32');
    let tensor = this.stepScoped.get(value);
    if (tensor === undefined) {
      tensor = tf.scalar(value, 'float32');
      this.stepScoped.set(value, tensor);
    }
    return tensor;
  }

  endStep(): void {
    this.stepScoped.clear();
  }

  /** How many tensors this cache keeps alive between steps (the leak tests count them). */
  get size(): number {
    return this.kept.size;
  }

  dispose(): void {
    for (const { tensor } of this.kept.values()) tensor.dispose();
    this.kept.clear();
    this.stepScoped.clear();
  }
}
