/**
 * The host half of every fused optimizer: the scalars one step of the update needs, computed
 * in float64 exactly as src/optim computes them (bias corrections, NAdam's momentum cache,
 * RAdam's rectification, Adagrad's decayed lr) and rounded to float32 where the op-by-op
 * path turns them into scalar tensors. The elementwise half (CPU loop or WGSL) then reads one
 * vector of COEFFICIENTS floats per run per step and never computes a power or a branch
 * condition that depends on the step count.
 *
 * Slot meanings are named below once; the WGSL source is generated from the same names.
 */
import type { OptimizerPlan } from './plan';

const f32 = Math.fround;

/** Floats per run per step. */
export const COEFFICIENTS = 16;

/**
 * Used by every kind: gradient sign (-1 when maximizing), coupled weight decay, lr; and for
 * Lookahead: sync (this step ends k inner steps), its alpha, and initSlow (the first step of
 * a fresh optimizer: the slow weights start at the weights before it).
 */
export const COMMON = {
  sign: 0,
  weightDecay: 1,
  lr: 2,
  sync: 3,
  slowAlpha: 4,
  initSlow: 15,
} as const;

export const SGD_C = { momentum: 5, mode: 6, oneMinusDampening: 7, nesterov: 8 } as const;
/** SGD_C.mode values: no momentum this step / first buffer = gradient / buffer update. */
export const SGD_MODE = { none: 0, init: 1, update: 2 } as const;

const MOMENTS = { beta1: 5, oneMinusBeta1: 6, beta2: 7, oneMinusBeta2: 8 } as const;
export const ADAM_C = {
  ...MOMENTS,
  biasCorrection2Sqrt: 9,
  eps: 10,
  stepSize: 11,
  amsgrad: 12,
  decay: 13,
} as const;
export const NADAM_C = {
  ...MOMENTS,
  biasCorrection2: 9,
  eps: 10,
  gradStep: 11,
  momentStep: 12,
} as const;
export const RADAM_C = {
  ...MOMENTS,
  biasCorrection1: 9,
  rectify: 10,
  biasCorrection2Sqrt: 11,
  eps: 12,
  rect: 13,
} as const;
export const ADAMAX_C = { beta1: 5, oneMinusBeta1: 6, beta2: 7, eps: 8, clr: 9 } as const;
export const ADAGRAD_C = { eps: 5, clr: 6 } as const;
export const ADADELTA_C = { rho: 5, oneMinusRho: 6, eps: 7 } as const;
export const RMSPROP_C = { alpha: 5, oneMinusAlpha: 6, eps: 7, momentum: 8, centered: 9 } as const;

/** Counters torch keeps as scalars (state['step'], NAdam's mu_product), per run, on the host. */
export interface HostOptimizerState {
  /** Optimizer steps taken (torch's state['step']); the next step is step + 1. */
  step: number;
  /** NAdam's mu_product (a float32 in torch). */
  muProduct: number;
  /** Whether SGD's momentum_buffer exists (made on the first step with momentum != 0). */
  hasMomentumBuffer: boolean;
}

export function freshHostState(): HostOptimizerState {
  return { step: 0, muProduct: 1, hasMomentumBuffer: false };
}

/** One step's schedulable hyperparameters, as the scheduler left them before that step. */
export interface StepHyperparameters {
  lr: number;
  /** momentum (SGD, RMSprop) or beta1 (Adam family); ignored where the optimizer has none. */
  momentum: number | undefined;
  /** beta2 (Adam family), when the optimizer's betas were set to other than its config's. */
  beta2?: number;
}

/**
 * Advances `host` by one step and writes that step's coefficient vector at `out[offset]`.
 * Throws (as the op-by-op optimizer would) only for values the optimizer cannot take.
 */
export function writeCoefficients(
  plan: OptimizerPlan,
  host: HostOptimizerState,
  hyper: StepHyperparameters,
  out: Float32Array,
  offset: number,
): void {
  out.fill(0, offset, offset + COEFFICIENTS);
  const inner = plan.inner;
  const step = ++host.step;
  const lr = hyper.lr;
  out[offset + COMMON.sign] = inner.maximize ? -1 : 1;
  out[offset + COMMON.lr] = f32(lr);
  // AdamW's decay is decoupled (ADAM_C.decay); every other kind adds weightDecay * p to g.
  out[offset + COMMON.weightDecay] = inner.type === 'AdamW' ? 0 : f32(inner.weightDecay);
  if (plan.lookahead) {
    out[offset + COMMON.sync] = step % plan.lookahead.k === 0 ? 1 : 0;
    out[offset + COMMON.initSlow] = step === 1 ? 1 : 0;
    out[offset + COMMON.slowAlpha] = f32(plan.lookahead.alpha);
  }
  switch (inner.type) {
    case 'SGD': {
      const momentum = hyper.momentum ?? inner.momentum;
      out[offset + SGD_C.momentum] = f32(momentum);
      out[offset + SGD_C.oneMinusDampening] = f32(1 - inner.dampening);
      out[offset + SGD_C.nesterov] = inner.nesterov ? 1 : 0;
      if (momentum === 0) out[offset + SGD_C.mode] = SGD_MODE.none;
      else {
        out[offset + SGD_C.mode] = host.hasMomentumBuffer ? SGD_MODE.update : SGD_MODE.init;
        host.hasMomentumBuffer = true;
      }
      return;
    }
    case 'Adam':
    case 'AdamW': {
      const [beta1, beta2] = [hyper.momentum ?? inner.betas[0], hyper.beta2 ?? inner.betas[1]];
      writeMoments(out, offset, beta1, beta2);
      out[offset + ADAM_C.biasCorrection2Sqrt] = f32(Math.sqrt(1 - beta2 ** step));
      out[offset + ADAM_C.eps] = f32(inner.eps);
      out[offset + ADAM_C.stepSize] = f32(lr / (1 - beta1 ** step));
      out[offset + ADAM_C.amsgrad] = inner.amsgrad ? 1 : 0;
      // x * 1 is exact, so "no decay" needs no branch in the elementwise half.
      out[offset + ADAM_C.decay] =
        inner.type === 'AdamW' && inner.weightDecay !== 0 ? f32(1 - lr * inner.weightDecay) : 1;
      return;
    }
    case 'NAdam': {
      const [beta1, beta2] = [hyper.momentum ?? inner.betas[0], hyper.beta2 ?? inner.betas[1]];
      writeMoments(out, offset, beta1, beta2);
      const mu = beta1 * (1 - 0.5 * 0.96 ** (step * inner.momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * inner.momentumDecay));
      const muProduct = f32(host.muProduct * f32(mu));
      const muProductNext = f32(f32(muProduct * f32(mu)) * f32(muNext));
      host.muProduct = muProduct;
      out[offset + NADAM_C.biasCorrection2] = f32(1 - beta2 ** step);
      out[offset + NADAM_C.eps] = f32(inner.eps);
      out[offset + NADAM_C.gradStep] = f32((lr * (1 - mu)) / (1 - muProduct));
      out[offset + NADAM_C.momentStep] = f32((lr * muNext) / (1 - muProductNext));
      return;
    }
    case 'RAdam': {
      const [beta1, beta2] = [hyper.momentum ?? inner.betas[0], hyper.beta2 ?? inner.betas[1]];
      writeMoments(out, offset, beta1, beta2);
      const biasCorrection1 = 1 - beta1 ** step;
      const biasCorrection2 = 1 - beta2 ** step;
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
      out[offset + RADAM_C.biasCorrection1] = f32(biasCorrection1);
      if (rhoT > 5) {
        out[offset + RADAM_C.rectify] = 1;
        out[offset + RADAM_C.biasCorrection2Sqrt] = f32(Math.sqrt(biasCorrection2));
        out[offset + RADAM_C.eps] = f32(inner.eps);
        out[offset + RADAM_C.rect] = f32(
          Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)),
        );
      }
      return;
    }
    case 'Adamax': {
      const [beta1, beta2] = [hyper.momentum ?? inner.betas[0], hyper.beta2 ?? inner.betas[1]];
      out[offset + ADAMAX_C.beta1] = f32(beta1);
      out[offset + ADAMAX_C.oneMinusBeta1] = f32(1 - beta1);
      out[offset + ADAMAX_C.beta2] = f32(beta2);
      out[offset + ADAMAX_C.eps] = f32(inner.eps);
      out[offset + ADAMAX_C.clr] = f32(lr / (1 - beta1 ** step));
      return;
    }
    case 'Adagrad':
      out[offset + ADAGRAD_C.eps] = f32(inner.eps);
      out[offset + ADAGRAD_C.clr] = f32(lr / (1 + (step - 1) * inner.lrDecay));
      return;
    case 'Adadelta':
      out[offset + ADADELTA_C.rho] = f32(inner.rho);
      out[offset + ADADELTA_C.oneMinusRho] = f32(1 - inner.rho);
      out[offset + ADADELTA_C.eps] = f32(inner.eps);
      return;
    case 'RMSprop':
      out[offset + RMSPROP_C.alpha] = f32(inner.alpha);
      out[offset + RMSPROP_C.oneMinusAlpha] = f32(1 - inner.alpha);
      out[offset + RMSPROP_C.eps] = f32(inner.eps);
      out[offset + RMSPROP_C.momentum] = f32(hyper.momentum ?? inner.momentum);
      out[offset + RMSPROP_C.centered] = inner.centered ? 1 : 0;
      return;
  }
}

function writeMoments(out: Float32Array, offset: number, beta1: number, beta2: number): void {
  out[offset + MOMENTS.beta1] = f32(beta1);
  out[offset + MOMENTS.oneMinusBeta1] = f32(1 - beta1);
  out[offset + MOMENTS.beta2] = f32(beta2);
  out[offset + MOMENTS.oneMinusBeta2] = f32(1 - beta2);
}

/** The value a state slot starts at: Adagrad's accumulator is filled, everything else zero. */
export function initialSlotValue(plan: OptimizerPlan, slot: number): number {
  return plan.inner.type === 'Adagrad' && slot === 0 ? f32(plan.inner.initialAccumulatorValue) : 0;
}
