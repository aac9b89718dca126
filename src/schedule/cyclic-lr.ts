import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { CyclicLRConfig } from './types';

export type ResolvedCyclicLRConfig = Omit<Required<CyclicLRConfig>, 'stepSizeDown'> & {
  stepSizeDown?: number;
};

/**
 * torch CyclicLR (triangular, triangular2, exp_range). With cycleMomentum it cycles the
 * optimizer's `momentum` inversely to lr; torch 1.13 does not cycle Adam's betas here.
 */
export class CyclicLR extends LRScheduler {
  private readonly maxLr: number;
  private readonly totalSize: number;
  private readonly stepRatio: number;
  private readonly mode: CyclicLRConfig['mode'];
  private readonly gamma: number;
  private readonly scaleMode: 'cycle' | 'iterations';
  private readonly cycleMomentum: boolean;
  private readonly baseMomentum: number = Number.NaN;
  private readonly maxMomentum: number = Number.NaN;

  constructor(group: ParamGroup, config: ResolvedCyclicLRConfig) {
    super(group);
    group.lr = config.baseLr;
    this.maxLr = config.maxLr;
    const up = config.stepSizeUp;
    const down = config.stepSizeDown ?? up;
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    this.mode = config.mode;
    this.gamma = config.gamma;
    this.scaleMode = config.mode === 'exp_range' ? 'iterations' : 'cycle';
    this.cycleMomentum = config.cycleMomentum;
    if (this.cycleMomentum) {
      if (!group.hasMomentum) {
        throw new Error(
          'CyclicLR: optimizer must support momentum with cycleMomentum enabled ' +
            '(torch 1.13 CyclicLR cycles `momentum` only, not betas); set cycleMomentum: false',
        );
      }
      group.setMomentum(config.baseMomentum);
      this.baseMomentum = config.baseMomentum;
      this.maxMomentum = config.maxMomentum;
    }
    this.attach();
    // torch overwrites base_lrs after super().__init__, ignoring any earlier initial_lr.
    this.baseLr = config.baseLr;
  }

  private scaleFn(x: number): number {
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    if (this.mode === 'exp_range') return this.gamma ** x;
    return 1;
  }

  protected getLr(): number {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1 + this.lastEpoch / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scaleFn(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    // During attach()'s initial step baseLr is still the group's initial_lr (as torch's
    // base_lrs is then); it differs from config.baseLr only when an earlier scheduler in a
    // SequentialLR already set initial_lr.
    const lr = this.baseLr + (this.maxLr - this.baseLr) * scaleFactor * scale;
    if (this.cycleMomentum) {
      const height = (this.maxMomentum - this.baseMomentum) * scaleFactor;
      this.group.setMomentum(this.maxMomentum - height * scale);
    }
    return lr;
  }
}
