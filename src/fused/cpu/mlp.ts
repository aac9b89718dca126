/**
 * Forward pass, loss and backward pass of the MLP over Float32Arrays, for one run at a time
 * (the scratch arrays are shared by all runs of an experiment). No tensor is made.
 *
 * It computes what the op-by-op path computes on TF.js's cpu backend, op for op: each
 * matrix product sums in float64 over blocks of 48 (the cpu backend's blockSize) and adds
 * blocks in float32, each reduction (sum, mean) sums in float64 and rounds once, every other
 * op rounds its result to float32, and gradients that meet at a tensor are added in the order
 * TF.js's autodiff adds them. So on the cpu backend both paths agree to the last bit, and the
 * tests can hold them to far less than a float32 ulp of drift.
 */
import { activate, activateAll, activationGradients } from '../activations';
import type { ModelPlan } from '../plan';
import { matMul } from './matmul';
import type { Strided } from './matmul';

const f32 = Math.fround;

/** Points the scratch holds at once; evaluations and predictions go through in tiles of it. */
const MIN_TILE = 256;

export class CpuMlp {
  /** z and h per layer, [points x width] row-major; h of the output layer is z. */
  private readonly z: Float32Array[];
  private readonly h: Float32Array[];
  /** The batch's inputs, gathered into rows. */
  private readonly input: Float32Array;
  /** Gradient w.r.t. the current layer's z, and w.r.t. the layer below's h. */
  private dz: Float32Array;
  private dh: Float32Array;
  /** db's float64 sums. */
  private readonly bias: Float64Array;
  /** The operands of the matMul in progress. */
  private readonly left: Strided;
  private readonly right: Strided;
  readonly tile: number;

  constructor(
    readonly plan: ModelPlan,
    batchSize: number,
  ) {
    this.tile = Math.max(batchSize, MIN_TILE);
    const maxWidth = Math.max(plan.inputDims, ...plan.widths);
    this.z = plan.widths.map((width) => new Float32Array(this.tile * width));
    this.h = plan.widths.map((width, l) =>
      l === plan.widths.length - 1 ? this.z[l] : new Float32Array(this.tile * width),
    );
    this.input = new Float32Array(this.tile * plan.inputDims);
    this.dz = new Float32Array(this.tile * maxWidth);
    this.dh = new Float32Array(this.tile * maxWidth);
    this.bias = new Float64Array(maxWidth);
    this.left = { data: this.input, offset: 0, row: 0, col: 0 };
    this.right = { data: this.input, offset: 0, row: 0, col: 0 };
  }

  /**
   * One training step's forward and backward pass on the points `rows[start, start+count)`:
   * writes d loss / d weights into `grads` and returns the loss (with the L2 penalty).
   */
  lossAndGradients(
    weights: Float32Array,
    grads: Float32Array,
    x: Float32Array,
    y: Float32Array,
    rows: Int32Array,
    start: number,
    count: number,
  ): number {
    const { plan } = this;
    const dims = plan.inputDims;
    for (let b = 0; b < count; b++) {
      const row = rows[start + b];
      for (let d = 0; d < dims; d++) this.input[b * dims + d] = x[row * dims + d];
    }
    this.forward(weights, this.input, count);
    const out = this.z[plan.layers.length - 1];
    const dOut = this.dz;
    let loss = 0;
    const n = f32(count);
    const meanGrad = f32(1 / n);
    for (let b = 0; b < count; b++) {
      const o = out[b];
      const target = y[rows[start + b]];
      loss += f32(pointLoss(plan.task, o, target) / n);
      dOut[b] = pointGradient(plan.task, o, target, meanGrad);
    }
    let total = f32(loss);
    if (plan.l2 > 0) total = f32(total + f32(this.weightSquares(weights) * f32(plan.l2)));
    this.backward(weights, grads, count);
    return total;
  }

  /** [loss, accuracy] over `count` points of (x, y), accuracy NaN for regression. */
  evaluate(
    weights: Float32Array,
    x: Float32Array,
    y: Float32Array,
    count: number,
  ): [number, number] {
    if (count === 0) return [NaN, NaN];
    const dims = this.plan.inputDims;
    const n = f32(count);
    let loss = 0;
    let correct = 0;
    for (let from = 0; from < count; from += this.tile) {
      const size = Math.min(this.tile, count - from);
      this.forward(weights, x.subarray(from * dims, (from + size) * dims), size);
      const out = this.z[this.plan.layers.length - 1];
      for (let b = 0; b < size; b++) {
        const target = y[from + b];
        loss += f32(pointLoss(this.plan.task, out[b], target) / n);
        if ((out[b] > 0 ? 1 : 0) === target) correct++;
      }
    }
    // mean(equal(...)): count copies of f32(1/n), summed exactly in float64, rounded once.
    const accuracy = this.plan.task === 'binary' ? f32(correct * f32(1 / n)) : NaN;
    return [f32(loss), accuracy];
  }

  /** Network outputs at `count` points: P(class 1) for classification, the value for regression. */
  predict(weights: Float32Array, x: Float32Array, count: number, out: Float32Array): void {
    const dims = this.plan.inputDims;
    for (let from = 0; from < count; from += this.tile) {
      const size = Math.min(this.tile, count - from);
      this.forward(weights, x.subarray(from * dims, (from + size) * dims), size);
      const z = this.z[this.plan.layers.length - 1];
      for (let b = 0; b < size; b++) {
        out[from + b] = this.plan.task === 'binary' ? activate('sigmoid', z[b]) : z[b];
      }
    }
  }

  /** addN(sum(square(W))) over the weight matrices, as l2Penalty adds them. */
  private weightSquares(weights: Float32Array): number {
    let total = 0;
    for (const layer of this.plan.layers) {
      let sum = 0;
      for (let i = layer.weightOffset; i < layer.biasOffset; i++) {
        sum += f32(weights[i] * weights[i]);
      }
      total = f32(total + f32(sum));
    }
    return total;
  }

  private forward(weights: Float32Array, input: Float32Array, count: number): void {
    const { layers, activation } = this.plan;
    let inputs = input;
    for (let l = 0; l < layers.length; l++) {
      const { fanIn, fanOut, weightOffset, biasOffset } = layers[l];
      const z = this.z[l];
      // z = matMul(inputs, W), then + b (its own op, so its own rounding).
      matMul(
        view(this.left, inputs, 0, fanIn, 1),
        view(this.right, weights, weightOffset, fanOut, 1),
        z,
        0,
        fanOut,
        count,
        fanOut,
        fanIn,
      );
      const h = this.h[l];
      if (l < layers.length - 1 && activation === 'relu') {
        addBiasRelu(z, h, weights, biasOffset, count, fanOut);
      } else {
        addBias(z, weights, biasOffset, count, fanOut);
        if (l < layers.length - 1) activateAll(activation, z, h, count * fanOut);
      }
      inputs = h;
    }
  }

  private backward(weights: Float32Array, grads: Float32Array, count: number): void {
    const { layers, activation, l2 } = this.plan;
    const l2f = f32(l2);
    const bias = this.bias;
    for (let l = layers.length - 1; l >= 0; l--) {
      const { fanIn, fanOut, weightOffset, biasOffset } = layers[l];
      const inputs = l === 0 ? this.input : this.h[l - 1];
      const dz = this.dz;
      // dW = matMul(inputs, dz, transposeA): summed over the batch.
      matMul(
        view(this.left, inputs, 0, 1, fanIn),
        view(this.right, dz, 0, fanOut, 1),
        grads,
        weightOffset,
        fanOut,
        fanIn,
        fanOut,
        count,
      );
      if (l2 > 0) {
        // The L2 penalty's gradient l2 * 2w meets the data gradient at W (two terms: order-free).
        for (let w = weightOffset; w < biasOffset; w++) {
          grads[w] = f32(grads[w] + f32(l2f * f32(weights[w] * 2)));
        }
      }
      // db = sum(dz, axis 0): float64 over the batch, rounded once.
      bias.fill(0, 0, fanOut);
      for (let b = 0; b < count; b++) {
        for (let j = 0, at = b * fanOut; j < fanOut; j++, at++) bias[j] += dz[at];
      }
      for (let j = 0; j < fanOut; j++) grads[biasOffset + j] = f32(bias[j]);
      if (l === 0) break;
      // dh = matMul(dz, W, transposeB), then back through the activation below to its z.
      const dh = this.dh;
      matMul(
        view(this.left, dz, 0, fanOut, 1),
        view(this.right, weights, weightOffset, 1, fanOut),
        dh,
        0,
        fanIn,
        count,
        fanIn,
        fanOut,
      );
      activationGradients(activation, dh, this.z[l - 1], this.h[l - 1], count * fanIn);
      this.dh = dz;
      this.dz = dh;
    }
  }
}

/** z += b (its own op: rounded), row by row. */
function addBias(z: Float32Array, weights: Float32Array, at: number, count: number, width: number) {
  for (let b = 0, i = 0; b < count; b++) {
    for (let j = 0; j < width; j++, i++) z[i] = f32(z[i] + weights[at + j]);
  }
}

/** z += b, then h = relu(z), in one pass (the common case; the same values as the two ops). */
function addBiasRelu(
  z: Float32Array,
  h: Float32Array,
  weights: Float32Array,
  at: number,
  count: number,
  width: number,
) {
  for (let b = 0, i = 0; b < count; b++) {
    for (let j = 0; j < width; j++, i++) {
      const v = f32(z[i] + weights[at + j]);
      z[i] = v;
      h[i] = v > 0 || v !== v ? v : 0;
    }
  }
}

/** Points `target` at data[offset + i * row + k * col], returning it (no allocation per call). */
function view(
  target: Strided,
  data: Float32Array,
  offset: number,
  row: number,
  col: number,
): Strided {
  target.data = data;
  target.offset = offset;
  target.row = row;
  target.col = col;
  return target;
}

/** One point's data loss: BCE with logits in its stable form, or the squared error. */
function pointLoss(task: ModelPlan['task'], o: number, target: number): number {
  if (task === 'regression') {
    const diff = o - target;
    return f32(diff * diff);
  }
  const relu = Math.max(0, o);
  const s = f32(relu - f32(o * target));
  const e = f32(Math.exp(-Math.abs(o)));
  return f32(s + f32(Math.log1p(e)));
}

/**
 * d mean-loss / d output for one point, `meanGrad` = f32(1/n) being what the mean passes
 * down. BCE's three uses of the output (abs, mul, relu) are summed in reverse tape order.
 */
function pointGradient(
  task: ModelPlan['task'],
  o: number,
  target: number,
  meanGrad: number,
): number {
  if (task === 'regression') return f32(meanGrad * f32(2 * f32(o - target)));
  const e = f32(Math.exp(-Math.abs(o)));
  const dExp = f32(f32(meanGrad / f32(e + 1)) * e);
  const viaAbs = -dExp * (o > 0 ? 1 : o !== o ? NaN : -1);
  const viaMul = f32(-meanGrad * target);
  const viaRelu = meanGrad * (o > 0 ? 1 : o !== o ? NaN : 0);
  return f32(f32(viaAbs + viaMul) + viaRelu);
}

/**
 * Global L2 norm of the gradient, as step.ts's globalNorm computes it: each tensor's
 * sum(square(g)) in float64 rounded once, the sums added in float32 in parameter order
 * (addN), then the square root.
 */
export function gradientNorm(plan: ModelPlan, grads: Float32Array): number {
  let total = 0;
  for (const { weightOffset, biasOffset, fanOut } of plan.layers) {
    for (const [from, to] of [
      [weightOffset, biasOffset],
      [biasOffset, biasOffset + fanOut],
    ]) {
      let sum = 0;
      for (let i = from; i < to; i++) sum += f32(grads[i] * grads[i]);
      total = f32(total + f32(sum));
    }
  }
  return f32(Math.sqrt(total));
}
