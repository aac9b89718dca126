import type { ParamGroup } from './param-group';

/**
 * What SequentialLR needs of the schedulers it chains (torch duck-types the same members).
 */
export interface ChainableScheduler {
  lastEpoch: number;
  initialStep(): void;
  step(epoch?: number): void;
  readonly lastLr: number;
}

/**
 * Port of torch 1.13 `_LRScheduler` for one param group. Subclasses set their fields, then
 * call `attach()` (torch's `super().__init__`), which records initial_lr and takes the
 * initial step; `getLr` is the chainable form and `closedFormLr`, where torch has
 * `_get_closed_form_lr`, is used when `step(epoch)` is given an epoch (SequentialLR does).
 */
export abstract class LRScheduler implements ChainableScheduler {
  lastEpoch = -1;
  /** torch `_step_count`: calls to step() since the initial step reset it. */
  stepCount = 0;
  baseLr = Number.NaN;
  lastLr = Number.NaN;

  constructor(protected readonly group: ParamGroup) {}

  protected attach(): void {
    if (this.group.initialLr === undefined) this.group.initialLr = this.group.lr;
    this.baseLr = this.group.initialLr;
    this.lastEpoch = -1;
    this.initialStep();
  }

  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  protected abstract getLr(): number;

  /** torch `_get_closed_form_lr`; undefined where torch has none (then getLr is used). */
  protected closedFormLr(): number | undefined {
    return undefined;
  }

  step(epoch?: number): void {
    this.stepCount += 1;
    let value: number;
    if (epoch === undefined) {
      this.lastEpoch += 1;
      value = this.getLr();
    } else {
      this.lastEpoch = epoch;
      value = this.closedFormLr() ?? this.getLr();
    }
    this.group.lr = value;
    this.lastLr = this.group.lr;
  }
}
