import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../protocol/validation';
import { TorchOptimizer } from './base';
import { assertSettable } from './config';
import type { ParameterState } from './state';
import type { Betas } from './types';

interface AdamLikeResolved {
  lr: number;
  betas: Betas;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * What the Adam family (Adam, AdamW, NAdam, RAdam, Adamax) shares: settable betas and the
 * exponential moving averages of the gradient (and of its square) that torch keeps as
 * `exp_avg` (and `exp_avg_sq`).
 */
export abstract class AdamLike extends TorchOptimizer {
  private betasValue: Betas = [0.9, 0.999];
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;

  constructor(config: AdamLikeResolved) {
    super();
    this.lr = config.lr;
    this.betas = config.betas;
    this.eps = config.eps;
    this.weightDecay = config.weightDecay;
    this.maximize = config.maximize;
  }

  get betas(): Betas {
    return this.betasValue;
  }

  /** Schedulers that cycle momentum write betas[0] here (as torch's OneCycleLR does). */
  set betas(value: Betas) {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new ConfigError('betas', `must be a pair [beta1, beta2], got ${String(value)}`);
    }
    assertSettable('beta', 'betas[0]', value[0]);
    assertSettable('beta', 'betas[1]', value[1]);
    this.betasValue = [value[0], value[1]];
  }

  /** exp_avg <- beta1 * exp_avg + (1 - beta1) * g; returns the new exp_avg. */
  protected updateFirstMoment(param: tf.Variable, g: tf.Tensor, state: ParameterState): tf.Tensor {
    const beta1 = this.betas[0];
    const expAvg = state.slot('exp_avg', () => tf.zerosLike(param));
    const m = tf.add(
      tf.mul(expAvg, this.scalars.hyper('beta1', beta1)),
      tf.mul(g, this.scalars.hyper('1-beta1', 1 - beta1)),
    );
    expAvg.assign(m);
    return m;
  }

  /**
   * Both moments: exp_avg as above and exp_avg_sq <- beta2 * exp_avg_sq + (1 - beta2) * g^2
   * (created in that order, which is the order getWeights lists them in).
   */
  protected updateMoments(
    param: tf.Variable,
    g: tf.Tensor,
    state: ParameterState,
  ): { m: tf.Tensor; v: tf.Tensor } {
    const m = this.updateFirstMoment(param, g, state);
    const beta2 = this.betas[1];
    const expAvgSq = state.slot('exp_avg_sq', () => tf.zerosLike(param));
    const v = tf.add(
      tf.mul(expAvgSq, this.scalars.hyper('beta2', beta2)),
      tf.mul(tf.mul(g, g), this.scalars.hyper('1-beta2', 1 - beta2)),
    );
    expAvgSq.assign(v);
    return { m, v };
  }
}
