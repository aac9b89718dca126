import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { ConstantLRConfig } from './types';

/** torch ConstantLR: lr * factor for the first totalIters steps, then lr. */
export class ConstantLR extends LRScheduler {
  private readonly factor: number;
  private readonly totalIters: number;

  constructor(group: ParamGroup, config: Required<ConstantLRConfig>) {
    super(group);
    this.factor = config.factor;
    this.totalIters = config.totalIters;
    this.attach();
  }

  protected getLr(): number {
    if (this.lastEpoch === 0) return this.group.lr * this.factor;
    if (this.lastEpoch !== this.totalIters) return this.group.lr;
    return this.group.lr * (1 / this.factor);
  }

  protected override closedFormLr(): number {
    const reached = this.lastEpoch >= this.totalIters ? 1 : 0;
    return this.baseLr * (this.factor + reached * (1 - this.factor));
  }
}
