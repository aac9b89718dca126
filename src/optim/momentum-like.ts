import { TorchOptimizer } from './base';
import { assertSettable } from './config';

interface MomentumLikeResolved {
  lr: number;
  momentum: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * What SGD and RMSprop share: a momentum that schedulers may write between steps (torch's
 * OneCycleLR / CyclicLR with cycle_momentum), besides coupled weight decay and maximize.
 */
export abstract class MomentumLike extends TorchOptimizer {
  private momentumValue = 0;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(config: MomentumLikeResolved) {
    super();
    this.lr = config.lr;
    this.momentum = config.momentum;
    this.weightDecay = config.weightDecay;
    this.maximize = config.maximize;
  }

  get momentum(): number {
    return this.momentumValue;
  }

  set momentum(value: number) {
    assertSettable('nonNegative', 'momentum', value);
    this.momentumValue = value;
  }
}
