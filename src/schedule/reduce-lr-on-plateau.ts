import type { ParamGroup } from './param-group';
import type { ReduceLROnPlateauConfig } from './types';

/** torch ReduceLROnPlateau: multiply lr by factor after `patience` steps without improvement. */
export class ReduceLROnPlateau {
  lastEpoch = 0;
  lastLr: number;
  private best: number;
  private numBadEpochs = 0;
  private cooldownCounter = 0;

  constructor(
    private readonly group: ParamGroup,
    private readonly config: Required<ReduceLROnPlateauConfig>,
  ) {
    this.best = config.mode === 'min' ? Infinity : -Infinity;
    this.lastLr = group.lr;
  }

  private isBetter(a: number, best: number): boolean {
    const { mode, thresholdMode, threshold } = this.config;
    if (mode === 'min' && thresholdMode === 'rel') return a < best * (1 - threshold);
    if (mode === 'min') return a < best - threshold;
    if (thresholdMode === 'rel') return a > best * (threshold + 1);
    return a > best + threshold;
  }

  step(metric: number): void {
    this.lastEpoch += 1;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs during cooldown are ignored, as in torch
    }
    if (this.numBadEpochs > this.config.patience) {
      this.reduceLr();
      this.cooldownCounter = this.config.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.group.lr;
  }

  private reduceLr(): void {
    const oldLr = this.group.lr;
    const newLr = Math.max(oldLr * this.config.factor, this.config.minLr);
    if (oldLr - newLr > this.config.eps) this.group.lr = newLr;
  }
}
