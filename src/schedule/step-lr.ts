import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import { pyFloorDiv, pyMod } from './py-math';
import type { StepLRConfig } from './types';

/** torch StepLR: multiply lr by gamma every stepSize steps. */
export class StepLR extends LRScheduler {
  private readonly stepSize: number;
  private readonly gamma: number;

  constructor(group: ParamGroup, config: Required<StepLRConfig>) {
    super(group);
    this.stepSize = config.stepSize;
    this.gamma = config.gamma;
    this.attach();
  }

  protected getLr(): number {
    if (this.lastEpoch === 0 || pyMod(this.lastEpoch, this.stepSize) !== 0) return this.group.lr;
    return this.group.lr * this.gamma;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.gamma ** pyFloorDiv(this.lastEpoch, this.stepSize);
  }
}
