import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { PolynomialLRConfig } from './types';

/** torch PolynomialLR: lr decays as (1 - t/totalIters) ** power, then stays at 0. */
export class PolynomialLR extends LRScheduler {
  private readonly totalIters: number;
  private readonly power: number;

  constructor(group: ParamGroup, config: Required<PolynomialLRConfig>) {
    super(group);
    this.totalIters = config.totalIters;
    this.power = config.power;
    this.attach();
  }

  protected getLr(): number {
    const { totalIters: n, lastEpoch: t } = this;
    if (t === 0 || t > n) return this.group.lr;
    const decayFactor = ((1 - t / n) / (1 - (t - 1) / n)) ** this.power;
    return this.group.lr * decayFactor;
  }

  protected override closedFormLr(): number {
    const n = this.totalIters;
    return this.baseLr * (1 - Math.min(n, this.lastEpoch) / n) ** this.power;
  }
}
