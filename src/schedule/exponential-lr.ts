import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { ExponentialLRConfig } from './types';

/** torch ExponentialLR: multiply lr by gamma every step. */
export class ExponentialLR extends LRScheduler {
  private readonly gamma: number;

  constructor(group: ParamGroup, config: Required<ExponentialLRConfig>) {
    super(group);
    this.gamma = config.gamma;
    this.attach();
  }

  protected getLr(): number {
    if (this.lastEpoch === 0) return this.group.lr;
    return this.group.lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.gamma ** this.lastEpoch;
  }
}
