import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { LinearLRConfig } from './types';

/** torch LinearLR: the lr factor moves linearly from startFactor to endFactor over totalIters. */
export class LinearLR extends LRScheduler {
  private readonly startFactor: number;
  private readonly endFactor: number;
  private readonly totalIters: number;

  constructor(group: ParamGroup, config: Required<LinearLRConfig>) {
    super(group);
    this.startFactor = config.startFactor;
    this.endFactor = config.endFactor;
    this.totalIters = config.totalIters;
    this.attach();
  }

  protected getLr(): number {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    if (this.lastEpoch === 0) return this.group.lr * s;
    if (this.lastEpoch > n) return this.group.lr;
    // torch's chainable ratio between consecutive factors, kept in the same operation order.
    return this.group.lr * (1 + (e - s) / (n * s + (this.lastEpoch - 1) * (e - s)));
  }

  protected override closedFormLr(): number {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    return this.baseLr * (s + ((e - s) * Math.min(n, this.lastEpoch)) / n);
  }
}
