import * as tf from '@tensorflow/tfjs';
import { TorchOptimizer } from './base';
import type { ResolvedAdagradConfig } from './resolved';
import type { ParameterState } from './state';
import type { AdagradConfig } from './types';

/** torch.optim.Adagrad (1.13 `_single_tensor_adagrad`, dense gradients). */
export class Adagrad extends TorchOptimizer {
  static get className(): string {
    return 'Adagrad';
  }

  readonly lrDecay: number;
  readonly weightDecay: number;
  readonly initialAccumulatorValue: number;
  readonly eps: number;
  readonly maximize: boolean;

  constructor(config: ResolvedAdagradConfig) {
    super();
    this.lr = config.lr;
    this.lrDecay = config.lrDecay;
    this.weightDecay = config.weightDecay;
    this.initialAccumulatorValue = config.initialAccumulatorValue;
    this.eps = config.eps;
    this.maximize = config.maximize;
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const scalars = this.scalars;
    const g = this.regularizedGradient(param, grad, this);
    const clr = this.lr / (1 + (state.step - 1) * this.lrDecay);
    // torch fills `sum` in the constructor; creating it on the first step is equivalent.
    const sum = state.slot('sum', () => tf.fill(param.shape, this.initialAccumulatorValue));
    const newSum = tf.add(sum, tf.mul(g, g));
    sum.assign(newSum);
    const std = tf.add(tf.sqrt(newSum), scalars.hyper('eps', this.eps));
    // clr is the same for every step when lrDecay is 0: keep it then, else make it per step.
    const clrScalar = this.lrDecay === 0 ? scalars.hyper('clr', clr) : scalars.perStep(clr);
    param.assign(tf.sub(param, tf.mul(tf.div(g, std), clrScalar)));
  }

  toConfig(): AdagradConfig {
    return {
      type: 'Adagrad',
      lr: this.lr,
      lrDecay: this.lrDecay,
      weightDecay: this.weightDecay,
      initialAccumulatorValue: this.initialAccumulatorValue,
      eps: this.eps,
      maximize: this.maximize,
    };
  }
}
