import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import { pyMod } from './py-math';
import type { CosineAnnealingLRConfig } from './types';

/**
 * torch CosineAnnealingLR in its recursive (chainable) form: past tMax it keeps following the
 * cosine back up, as torch does, rather than clamping.
 */
export class CosineAnnealingLR extends LRScheduler {
  private readonly tMax: number;
  private readonly etaMin: number;

  constructor(group: ParamGroup, config: Required<CosineAnnealingLRConfig>) {
    super(group);
    this.tMax = config.tMax;
    this.etaMin = config.etaMin;
    this.attach();
  }

  protected getLr(): number {
    const { tMax, etaMin, lastEpoch } = this;
    if (lastEpoch === 0) return this.group.lr;
    if (this.stepCount === 1 && lastEpoch > 0) {
      return etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((lastEpoch * Math.PI) / tMax))) / 2;
    }
    if (pyMod(lastEpoch - 1 - tMax, 2 * tMax) === 0) {
      return this.group.lr + ((this.baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
    }
    return (
      ((1 + Math.cos((Math.PI * lastEpoch) / tMax)) /
        (1 + Math.cos((Math.PI * (lastEpoch - 1)) / tMax))) *
        (this.group.lr - etaMin) +
      etaMin
    );
  }

  protected override closedFormLr(): number {
    const { tMax, etaMin } = this;
    return (
      etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / tMax))) / 2
    );
  }
}
