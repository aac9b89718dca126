import * as tf from '@tensorflow/tfjs';
import { MomentumLike } from './momentum-like';
import type { ResolvedRMSpropConfig } from './resolved';
import type { ParameterState } from './state';
import type { RMSpropConfig } from './types';

/**
 * torch.optim.RMSprop (1.13 `_single_tensor_rmsprop`). Unlike tf.train.rmsprop, eps is added
 * outside the square root: g / (sqrt(v) + eps).
 */
export class RMSprop extends MomentumLike {
  static get className(): string {
    return 'RMSprop';
  }

  readonly alpha: number;
  readonly eps: number;
  readonly centered: boolean;

  constructor(config: ResolvedRMSpropConfig) {
    super(config);
    this.alpha = config.alpha;
    this.eps = config.eps;
    this.centered = config.centered;
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const scalars = this.scalars;
    const alpha = scalars.hyper('alpha', this.alpha);
    const oneMinusAlpha = scalars.hyper('1-alpha', 1 - this.alpha);
    const g = this.regularizedGradient(param, grad, this);
    const squareAvg = state.slot('square_avg', () => tf.zerosLike(param));
    const newSquareAvg = tf.add(tf.mul(squareAvg, alpha), tf.mul(tf.mul(g, g), oneMinusAlpha));
    squareAvg.assign(newSquareAvg);

    let avg: tf.Tensor;
    if (this.centered) {
      const gradAvg = state.slot('grad_avg', () => tf.zerosLike(param));
      const newGradAvg = tf.add(tf.mul(gradAvg, alpha), tf.mul(g, oneMinusAlpha));
      gradAvg.assign(newGradAvg);
      avg = tf.sqrt(tf.sub(newSquareAvg, tf.mul(newGradAvg, newGradAvg)));
    } else {
      avg = tf.sqrt(newSquareAvg);
    }
    avg = tf.add(avg, scalars.hyper('eps', this.eps));

    const lr = scalars.hyper('lr', this.lr);
    const momentum = this.momentum;
    if (momentum > 0) {
      // Created lazily, so a scheduler may raise momentum from 0 mid-run.
      const buffer = state.slot('momentum_buffer', () => tf.zerosLike(param));
      const newBuffer = tf.add(tf.mul(buffer, scalars.hyper('momentum', momentum)), tf.div(g, avg));
      buffer.assign(newBuffer);
      param.assign(tf.sub(param, tf.mul(newBuffer, lr)));
    } else {
      param.assign(tf.sub(param, tf.mul(tf.div(g, avg), lr)));
    }
  }

  toConfig(): RMSpropConfig {
    return {
      type: 'RMSprop',
      lr: this.lr,
      alpha: this.alpha,
      eps: this.eps,
      weightDecay: this.weightDecay,
      momentum: this.momentum,
      centered: this.centered,
      maximize: this.maximize,
    };
  }
}
