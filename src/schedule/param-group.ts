import type { SchedulableOptimizer } from './types';

/**
 * The one torch `param_group` our schedulers act on. lr and momentum/betas live on the
 * optimizer itself (so a live optimizer sees every change at once); the keys torch schedulers
 * stash in the group (`initial_lr`, `max_lr`, `swa_lr`, ...) live here. Schedulers chained
 * by SequentialLR share one group, exactly as torch's share one dict, so they can overwrite
 * each other's keys the same way.
 */
export class ParamGroup {
  initialLr: number | undefined;
  maxLr: number | undefined;
  minLr: number | undefined;
  maxMomentum: number | undefined;
  baseMomentum: number | undefined;
  swaLr: number | undefined;

  constructor(readonly optimizer: SchedulableOptimizer) {}

  get lr(): number {
    return this.optimizer.lr;
  }
  set lr(value: number) {
    this.optimizer.lr = value;
  }

  /** torch's `'momentum' in optimizer.defaults` (SGD, RMSprop). */
  get hasMomentum(): boolean {
    return typeof this.optimizer.momentum === 'number';
  }
  /** torch's `'betas' in optimizer.defaults` (the Adam family). */
  get hasBetas(): boolean {
    return Array.isArray(this.optimizer.betas);
  }

  /** momentum, or betas[0] when the optimizer has betas instead (torch OneCycleLR's use_beta1). */
  get momentumLike(): number | undefined {
    if (this.hasMomentum) return this.optimizer.momentum;
    return this.optimizer.betas?.[0];
  }

  setMomentum(value: number): void {
    this.optimizer.momentum = value;
  }

  setBeta1(value: number): void {
    const betas = this.optimizer.betas;
    if (betas === undefined) throw new Error('optimizer has no betas to set');
    this.optimizer.betas = [value, betas[1]];
  }
}
