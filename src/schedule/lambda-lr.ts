import { joinPath } from './config-error';
import { compileExpression } from './expr';
import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { LambdaLRConfig } from './types';

/** torch LambdaLR: lr = initial lr * lrLambda(epoch). */
export class LambdaLR extends LRScheduler {
  private readonly lrLambda: (epoch: number) => number;

  /** `path` names the config, so an evaluation error names its field (`scheduler.lrLambda`). */
  constructor(group: ParamGroup, config: Required<LambdaLRConfig>, path = 'scheduler') {
    super(group);
    this.lrLambda = compileExpression(config.lrLambda, joinPath(path, 'lrLambda'));
    this.attach();
  }

  protected getLr(): number {
    return this.baseLr * this.lrLambda(this.lastEpoch);
  }
}
