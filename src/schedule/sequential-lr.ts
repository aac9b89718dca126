import type { ChainableScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import { bisectRight } from './py-math';

/**
 * torch 1.13 SequentialLR, quirks included: the chained schedulers were already constructed
 * (each took its initial step on the shared group), the group's lr is reset to initial_lr,
 * every scheduler's lastEpoch is wound back by one and only the first re-takes its initial
 * step; at a milestone the next scheduler is stepped with epoch 0 (its closed form, where it
 * has one), afterwards with its chainable form from the lr the group then holds.
 */
export class SequentialLR implements ChainableScheduler {
  lastEpoch: number;
  lastLr: number;

  constructor(
    group: ParamGroup,
    private readonly schedulers: readonly ChainableScheduler[],
    private readonly milestones: readonly number[],
  ) {
    if (milestones.length !== schedulers.length - 1) {
      throw new Error(
        `SequentialLR: expected ${schedulers.length - 1} milestones for ${schedulers.length} ` +
          `schedulers, got ${milestones.length}`,
      );
    }
    this.lastEpoch = 0;
    if (group.initialLr === undefined)
      throw new Error('SequentialLR: param group has no initial_lr');
    group.lr = group.initialLr;
    for (const scheduler of schedulers) scheduler.lastEpoch -= 1;
    schedulers[0].initialStep();
    this.lastLr = schedulers[0].lastLr;
  }

  /** torch calls _LRScheduler._initial_step on a nested SequentialLR: it just steps. */
  initialStep(): void {
    this.step();
  }

  step(epoch?: number): void {
    if (epoch !== undefined) {
      // torch: SequentialLR.step() takes no epoch, so a SequentialLR after a milestone fails.
      throw new Error('SequentialLR: a nested SequentialLR can only be the first scheduler');
    }
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const scheduler = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.lastLr = scheduler.lastLr;
  }
}
