import { joinPath } from './config-error';
import { compileExpression } from './expr';
import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { MultiplicativeLRConfig } from './types';

/** torch MultiplicativeLR: lr *= lrLambda(epoch) every step after the first. */
export class MultiplicativeLR extends LRScheduler {
  private readonly lrLambda: (epoch: number) => number;

  /** `path` names the config, so an evaluation error names its field (`scheduler.lrLambda`). */
  constructor(group: ParamGroup, config: Required<MultiplicativeLRConfig>, path = 'scheduler') {
    super(group);
    this.lrLambda = compileExpression(config.lrLambda, joinPath(path, 'lrLambda'));
    this.attach();
  }

  protected getLr(): number {
    if (this.lastEpoch > 0) return this.group.lr * this.lrLambda(this.lastEpoch);
    return this.group.lr;
  }
}
