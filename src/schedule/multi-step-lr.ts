import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import { bisectRight } from './py-math';
import type { MultiStepLRConfig } from './types';

/** torch MultiStepLR: multiply lr by gamma at each milestone. */
export class MultiStepLR extends LRScheduler {
  private readonly milestones: number[];
  /** torch keeps a Counter: a repeated milestone decays by gamma ** count. */
  private readonly counts = new Map<number, number>();
  private readonly gamma: number;

  constructor(group: ParamGroup, config: Required<MultiStepLRConfig>) {
    super(group);
    this.milestones = [...config.milestones].sort((a, b) => a - b);
    for (const m of this.milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.gamma = config.gamma;
    this.attach();
  }

  protected getLr(): number {
    const count = this.counts.get(this.lastEpoch);
    if (count === undefined) return this.group.lr;
    return this.group.lr * this.gamma ** count;
  }

  protected override closedFormLr(): number {
    return this.baseLr * this.gamma ** bisectRight(this.milestones, this.lastEpoch);
  }
}
