import type { ResolvedAdamConfig, ResolvedOptimizerConfig } from './resolved';
import type { OptimizerType } from './types';

const ADAM_BETAS = [0.9, 0.999] as const;

const ADAM: ResolvedAdamConfig = {
  type: 'Adam',
  lr: 1e-3,
  betas: ADAM_BETAS,
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  maximize: false,
};

/**
 * PyTorch 1.13's constructor defaults. Two choices where torch has no default:
 * - SGD's lr is `required` in torch 1.13; we use 1e-3, the default torch 2.x adopted.
 * - Lookahead is not in torch; k=5 and alpha=0.5 are the paper's, and the inner optimizer
 *   defaults to Adam (what the UI shows first).
 */
const DEFAULTS: { [T in OptimizerType]: Extract<ResolvedOptimizerConfig, { type: T }> } = {
  SGD: {
    type: 'SGD',
    lr: 1e-3,
    momentum: 0,
    dampening: 0,
    weightDecay: 0,
    nesterov: false,
    maximize: false,
  },
  Adam: ADAM,
  // torch's AdamW differs from Adam's defaults only in weight_decay.
  AdamW: { ...ADAM, type: 'AdamW', weightDecay: 1e-2 },
  NAdam: {
    type: 'NAdam',
    lr: 2e-3,
    betas: ADAM_BETAS,
    eps: 1e-8,
    weightDecay: 0,
    momentumDecay: 4e-3,
    maximize: false,
  },
  RAdam: { type: 'RAdam', lr: 1e-3, betas: ADAM_BETAS, eps: 1e-8, weightDecay: 0, maximize: false },
  Adamax: {
    type: 'Adamax',
    lr: 2e-3,
    betas: ADAM_BETAS,
    eps: 1e-8,
    weightDecay: 0,
    maximize: false,
  },
  Adagrad: {
    type: 'Adagrad',
    lr: 1e-2,
    lrDecay: 0,
    weightDecay: 0,
    initialAccumulatorValue: 0,
    eps: 1e-10,
    maximize: false,
  },
  Adadelta: { type: 'Adadelta', lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false },
  RMSprop: {
    type: 'RMSprop',
    lr: 1e-2,
    alpha: 0.99,
    eps: 1e-8,
    weightDecay: 0,
    momentum: 0,
    centered: false,
    maximize: false,
  },
  Lookahead: {
    type: 'Lookahead',
    k: 5,
    alpha: 0.5,
    optimizer: ADAM,
  },
};

export const OPTIMIZER_TYPES = Object.keys(DEFAULTS) as OptimizerType[];

/** Every option of `type` with PyTorch's default (a fresh object each call). */
export function optimizerDefaults<T extends OptimizerType>(
  type: T,
): Extract<ResolvedOptimizerConfig, { type: T }> {
  const defaults = DEFAULTS[type];
  if (defaults === undefined) {
    throw new Error(
      `optimizerDefaults: unknown optimizer "${String(type)}"; expected one of ${OPTIMIZER_TYPES.join(', ')}`,
    );
  }
  return structuredClone(defaults);
}
