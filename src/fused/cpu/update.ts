/**
 * The elementwise half of every fused optimizer on the CPU: one pass over a run's weights
 * with that step's coefficient vector (see ../coefficients.ts). Each line mirrors one op of
 * the op-by-op update in src/optim, rounded to float32 where that op's result is (a TF.js
 * tensor holds float32 after every op), so both paths compute the same numbers.
 */
import {
  ADADELTA_C,
  ADAGRAD_C,
  ADAM_C,
  ADAMAX_C,
  COMMON,
  NADAM_C,
  RADAM_C,
  RMSPROP_C,
  SGD_C,
  SGD_MODE,
} from '../coefficients';
import { SLOW_SLOT } from '../plan';
import type { OptimizerPlan } from '../plan';

const f32 = Math.fround;

/**
 * Applies one optimizer step to `p` in place. `g` is the loss gradient (the regularized
 * gradient, maximize and coupled decay, is formed here); `slots` are the state arrays.
 */
export function updateWeights(
  plan: OptimizerPlan,
  c: Float32Array,
  p: Float32Array,
  g: Float32Array,
  slots: readonly Float32Array[],
  /** Scratch as long as p: receives the regularized gradient. */
  d: Float32Array,
): void {
  const sign = c[COMMON.sign];
  const weightDecay = c[COMMON.weightDecay];
  const n = p.length;
  if (plan.lookahead && c[COMMON.initSlow] !== 0) slots[SLOW_SLOT].set(p);
  // The regularized gradient, as torch's updates start from it (every value a float32).
  if (weightDecay === 0) for (let i = 0; i < n; i++) d[i] = sign * g[i];
  else for (let i = 0; i < n; i++) d[i] = f32(sign * g[i] + f32(p[i] * weightDecay));
  switch (plan.kind) {
    case 'SGD':
      sgd(c, p, slots[0], n, d);
      break;
    case 'Adam':
    case 'AdamW':
      adam(c, p, slots, n, d);
      break;
    case 'NAdam':
      nadam(c, p, slots, n, d);
      break;
    case 'RAdam':
      radam(c, p, slots, n, d);
      break;
    case 'Adamax':
      adamax(c, p, slots, n, d);
      break;
    case 'Adagrad':
      adagrad(c, p, slots[0], n, d);
      break;
    case 'Adadelta':
      adadelta(c, p, slots, n, d);
      break;
    case 'RMSprop':
      rmsprop(c, p, slots, n, d);
      break;
  }
  if (plan.lookahead && c[COMMON.sync] !== 0) {
    const slow = slots[SLOW_SLOT];
    const alpha = c[COMMON.slowAlpha];
    for (let i = 0; i < n; i++) {
      const s = f32(slow[i] + f32(f32(p[i] - slow[i]) * alpha));
      slow[i] = s;
      p[i] = s;
    }
  }
}

type Direction = Float32Array;

function sgd(c: Float32Array, p: Float32Array, buffer: Float32Array, n: number, d: Direction) {
  const lr = c[COMMON.lr];
  const mode = c[SGD_C.mode];
  const momentum = c[SGD_C.momentum];
  const damping = c[SGD_C.oneMinusDampening];
  const nesterov = c[SGD_C.nesterov] !== 0;
  for (let i = 0; i < n; i++) {
    let direction = d[i];
    if (mode !== SGD_MODE.none) {
      const b =
        mode === SGD_MODE.init
          ? direction
          : f32(f32(buffer[i] * momentum) + f32(direction * damping));
      buffer[i] = b;
      direction = nesterov ? f32(direction + f32(b * momentum)) : b;
    }
    p[i] = f32(p[i] - f32(direction * lr));
  }
}

/** exp_avg and exp_avg_sq as AdamLike.updateMoments computes them; returns nothing, writes slots. */
function moments(c: Float32Array, m: Float32Array, v: Float32Array, i: number, gi: number): void {
  m[i] = f32(f32(m[i] * c[ADAM_C.beta1]) + f32(gi * c[ADAM_C.oneMinusBeta1]));
  v[i] = f32(f32(v[i] * c[ADAM_C.beta2]) + f32(f32(gi * gi) * c[ADAM_C.oneMinusBeta2]));
}

function adam(
  c: Float32Array,
  p: Float32Array,
  slots: readonly Float32Array[],
  n: number,
  d: Direction,
) {
  const [m, v, maxV] = slots;
  const decay = c[ADAM_C.decay];
  const bc2 = c[ADAM_C.biasCorrection2Sqrt];
  const eps = c[ADAM_C.eps];
  const stepSize = c[ADAM_C.stepSize];
  const amsgrad = c[ADAM_C.amsgrad] !== 0;
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    const pi = f32(p[i] * decay);
    moments(c, m, v, i, gi);
    let second = v[i];
    if (amsgrad) {
      second = Math.max(maxV[i], second);
      maxV[i] = second;
    }
    const denom = f32(f32(f32(Math.sqrt(second)) / bc2) + eps);
    p[i] = f32(pi - f32(f32(m[i] / denom) * stepSize));
  }
}

function nadam(
  c: Float32Array,
  p: Float32Array,
  slots: readonly Float32Array[],
  n: number,
  d: Direction,
) {
  const [m, v] = slots;
  const bc2 = c[NADAM_C.biasCorrection2];
  const eps = c[NADAM_C.eps];
  const gradStep = c[NADAM_C.gradStep];
  const momentStep = c[NADAM_C.momentStep];
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    moments(c, m, v, i, gi);
    const denom = f32(f32(Math.sqrt(f32(v[i] / bc2))) + eps);
    const afterGrad = f32(p[i] - f32(f32(gi / denom) * gradStep));
    p[i] = f32(afterGrad - f32(f32(m[i] / denom) * momentStep));
  }
}

function radam(
  c: Float32Array,
  p: Float32Array,
  slots: readonly Float32Array[],
  n: number,
  d: Direction,
) {
  const [m, v] = slots;
  const lr = c[COMMON.lr];
  const bc1 = c[RADAM_C.biasCorrection1];
  const rectify = c[RADAM_C.rectify] !== 0;
  const bc2 = c[RADAM_C.biasCorrection2Sqrt];
  const eps = c[RADAM_C.eps];
  const rect = c[RADAM_C.rect];
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    moments(c, m, v, i, gi);
    const corrected = f32(m[i] / bc1);
    let update: number;
    if (rectify) {
      const adaptive = f32(bc2 / f32(f32(Math.sqrt(v[i])) + eps));
      update = f32(f32(f32(corrected * lr) * adaptive) * rect);
    } else {
      update = f32(corrected * lr);
    }
    p[i] = f32(p[i] - update);
  }
}

function adamax(
  c: Float32Array,
  p: Float32Array,
  slots: readonly Float32Array[],
  n: number,
  d: Direction,
) {
  const [m, u] = slots;
  const beta1 = c[ADAMAX_C.beta1];
  const oneMinusBeta1 = c[ADAMAX_C.oneMinusBeta1];
  const beta2 = c[ADAMAX_C.beta2];
  const eps = c[ADAMAX_C.eps];
  const clr = c[ADAMAX_C.clr];
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    m[i] = f32(f32(m[i] * beta1) + f32(gi * oneMinusBeta1));
    u[i] = Math.max(f32(u[i] * beta2), f32(Math.abs(gi) + eps));
    p[i] = f32(p[i] - f32(f32(m[i] / u[i]) * clr));
  }
}

function adagrad(c: Float32Array, p: Float32Array, sum: Float32Array, n: number, d: Direction) {
  const eps = c[ADAGRAD_C.eps];
  const clr = c[ADAGRAD_C.clr];
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    const s = f32(sum[i] + f32(gi * gi));
    sum[i] = s;
    const std = f32(f32(Math.sqrt(s)) + eps);
    p[i] = f32(p[i] - f32(f32(gi / std) * clr));
  }
}

function adadelta(
  c: Float32Array,
  p: Float32Array,
  slots: readonly Float32Array[],
  n: number,
  d: Direction,
) {
  const [squareAvg, accDelta] = slots;
  const lr = c[COMMON.lr];
  const rho = c[ADADELTA_C.rho];
  const oneMinusRho = c[ADADELTA_C.oneMinusRho];
  const eps = c[ADADELTA_C.eps];
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    const sq = f32(f32(squareAvg[i] * rho) + f32(f32(gi * gi) * oneMinusRho));
    const std = f32(Math.sqrt(f32(sq + eps)));
    const delta = f32(f32(f32(Math.sqrt(f32(accDelta[i] + eps))) / std) * gi);
    squareAvg[i] = sq;
    accDelta[i] = f32(f32(accDelta[i] * rho) + f32(f32(delta * delta) * oneMinusRho));
    p[i] = f32(p[i] - f32(delta * lr));
  }
}

function rmsprop(
  c: Float32Array,
  p: Float32Array,
  slots: readonly Float32Array[],
  n: number,
  d: Direction,
) {
  const [squareAvg, gradAvg, buffer] = slots;
  const lr = c[COMMON.lr];
  const alpha = c[RMSPROP_C.alpha];
  const oneMinusAlpha = c[RMSPROP_C.oneMinusAlpha];
  const eps = c[RMSPROP_C.eps];
  const momentum = c[RMSPROP_C.momentum];
  const centered = c[RMSPROP_C.centered] !== 0;
  for (let i = 0; i < n; i++) {
    const gi = d[i];
    const sq = f32(f32(squareAvg[i] * alpha) + f32(f32(gi * gi) * oneMinusAlpha));
    squareAvg[i] = sq;
    let avg: number;
    if (centered) {
      const ga = f32(f32(gradAvg[i] * alpha) + f32(gi * oneMinusAlpha));
      gradAvg[i] = ga;
      avg = f32(Math.sqrt(f32(sq - f32(ga * ga))));
    } else {
      avg = f32(Math.sqrt(sq));
    }
    avg = f32(avg + eps);
    if (momentum > 0) {
      const b = f32(f32(buffer[i] * momentum) + f32(gi / avg));
      buffer[i] = b;
      p[i] = f32(p[i] - f32(b * lr));
    } else {
      p[i] = f32(p[i] - f32(f32(gi / avg) * lr));
    }
  }
}
