import * as tf from '@tensorflow/tfjs';
import { TorchOptimizer } from './base';
import type { ResolvedAdadeltaConfig } from './resolved';
import type { ParameterState } from './state';
import type { AdadeltaConfig } from './types';

/** torch.optim.Adadelta (1.13 `_single_tensor_adadelta`): lr scales the Adadelta step. */
export class Adadelta extends TorchOptimizer {
  static get className(): string {
    return 'Adadelta';
  }

  readonly rho: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(config: ResolvedAdadeltaConfig) {
    super();
    this.lr = config.lr;
    this.rho = config.rho;
    this.eps = config.eps;
    this.weightDecay = config.weightDecay;
    this.maximize = config.maximize;
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const scalars = this.scalars;
    const rho = scalars.hyper('rho', this.rho);
    const oneMinusRho = scalars.hyper('1-rho', 1 - this.rho);
    const eps = scalars.hyper('eps', this.eps);
    const g = this.regularizedGradient(param, grad, this);
    const squareAvg = state.slot('square_avg', () => tf.zerosLike(param));
    const accDelta = state.slot('acc_delta', () => tf.zerosLike(param));
    const newSquareAvg = tf.add(tf.mul(squareAvg, rho), tf.mul(tf.mul(g, g), oneMinusRho));
    const std = tf.sqrt(tf.add(newSquareAvg, eps));
    const delta = tf.mul(tf.div(tf.sqrt(tf.add(accDelta, eps)), std), g);
    squareAvg.assign(newSquareAvg);
    accDelta.assign(tf.add(tf.mul(accDelta, rho), tf.mul(tf.mul(delta, delta), oneMinusRho)));
    param.assign(tf.sub(param, tf.mul(delta, scalars.hyper('lr', this.lr))));
  }

  toConfig(): AdadeltaConfig {
    return {
      type: 'Adadelta',
      lr: this.lr,
      rho: this.rho,
      eps: this.eps,
      weightDecay: this.weightDecay,
      maximize: this.maximize,
    };
  }
}
