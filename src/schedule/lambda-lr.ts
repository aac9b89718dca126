import { compileExpression } from './expr';
import { LRScheduler } from './lr-scheduler';
import type { ParamGroup } from './param-group';
import type { LambdaLRConfig } from './types';

/** torch LambdaLR: lr = initial lr * lrLambda(epoch). */
export class LambdaLR extends LRScheduler {
  private readonly lrLambda: (epoch: number) => number;

  constructor(group: ParamGroup, config: Required<LambdaLRConfig>) {
    super(group);
    this.lrLambda = compileExpression(config.lrLambda);
    this.attach();
  }

  protected getLr(): number {
    return this.baseLr * this.lrLambda(this.lastEpoch);
  }
}
