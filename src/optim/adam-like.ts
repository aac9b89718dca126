import { TorchOptimizer } from './base';
import type { Betas } from './types';

interface AdamLikeResolved {
  lr: number;
  betas: Betas;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

function assertBeta(field: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new Error(`${field}: must be in [0, 1), got ${String(value)}`);
  }
}

/** What the Adam family (Adam, AdamW, NAdam, RAdam, Adamax) shares: settable betas. */
export abstract class AdamLike extends TorchOptimizer {
  private betasValue: Betas = [0.9, 0.999];
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(config: AdamLikeResolved) {
    super();
    this.lr = config.lr;
    this.betas = config.betas;
    this.eps = config.eps;
    this.weightDecay = config.weightDecay;
    this.maximize = config.maximize;
  }

  get betas(): Betas {
    return this.betasValue;
  }

  /** Schedulers that cycle momentum write betas[0] here (as torch's OneCycleLR does). */
  set betas(value: Betas) {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new Error(`betas: must be a pair [beta1, beta2], got ${String(value)}`);
    }
    assertBeta('betas[0]', value[0]);
    assertBeta('betas[1]', value[1]);
    this.betasValue = [value[0], value[1]];
  }
}
