import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { SWALRConfig } from './types';

const annealFunctions = {
  linear: (t: number): number => t,
  cos: (t: number): number => (1 - Math.cos(Math.PI * t)) / 2,
};

/** torch.optim.swa_utils.SWALR: anneal from the current lr to swaLr over annealEpochs, then hold. */
export class SWALR extends LRScheduler {
  private readonly annealEpochs: number;
  private readonly anneal: (t: number) => number;

  constructor(group: ParamGroup, config: Required<SWALRConfig>) {
    super(group);
    group.swaLr = config.swaLr;
    this.anneal = annealFunctions[config.annealStrategy];
    this.annealEpochs = config.annealEpochs;
    this.attach();
  }

  private initialLrFor(lr: number, swaLr: number, alpha: number): number {
    if (alpha === 1) return swaLr;
    return (lr - alpha * swaLr) / (1 - alpha);
  }

  protected getLr(): number {
    const swaLr = this.group.swaLr;
    if (swaLr === undefined) throw new Error('SWALR: param group has no swa_lr');
    // torch counts from _step_count, not last_epoch (they differ inside SequentialLR).
    let step = this.stepCount - 1;
    if (this.annealEpochs === 0) step = Math.max(1, step);
    const span = Math.max(1, this.annealEpochs);
    const prevAlpha = this.anneal(Math.max(0, Math.min(1, (step - 1) / span)));
    const prevLr = this.initialLrFor(this.group.lr, swaLr, prevAlpha);
    const alpha = this.anneal(Math.max(0, Math.min(1, step / span)));
    return swaLr * alpha + prevLr * (1 - alpha);
  }
}
