import * as tf from '@tensorflow/tfjs';
import { AdamLike } from './adam-like';
import type { ResolvedAdamConfig } from './resolved';
import type { ParameterState } from './state';
import type { AdamConfig, AdamWConfig } from './types';

/**
 * torch.optim.Adam (1.13 `_single_tensor_adam`): weightDecay is an L2 term added to the
 * gradient (coupled); amsgrad keeps the running maximum of the second moment. AdamW reuses
 * this update with decoupled decay.
 */
export class Adam extends AdamLike {
  static get className(): string {
    return 'Adam';
  }

  readonly amsgrad: boolean;
  /** AdamW: decay the parameter itself (p *= 1 - lr * wd) instead of adding wd * p to the gradient. */
  protected get decoupledWeightDecay(): boolean {
    return false;
  }

  constructor(config: Omit<ResolvedAdamConfig, 'type'>) {
    super(config);
    this.amsgrad = config.amsgrad;
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const [beta1, beta2] = this.betas;
    const lr = this.lr;
    const scalars = this.scalars;
    let g = this.maximize ? tf.neg(grad) : grad;
    // AdamW with weightDecay 0 would multiply p by exactly 1: skipping that changes nothing.
    if (this.weightDecay !== 0) {
      if (this.decoupledWeightDecay) {
        param.assign(tf.mul(param, scalars.hyper('1-lr*weightDecay', 1 - lr * this.weightDecay)));
      } else {
        g = tf.add(g, tf.mul(param, scalars.hyper('weightDecay', this.weightDecay)));
      }
    }
    const expAvg = state.slot('exp_avg', () => tf.zerosLike(param));
    const expAvgSq = state.slot('exp_avg_sq', () => tf.zerosLike(param));
    const m = tf.add(
      tf.mul(expAvg, scalars.hyper('beta1', beta1)),
      tf.mul(g, scalars.hyper('1-beta1', 1 - beta1)),
    );
    const v = tf.add(
      tf.mul(expAvgSq, scalars.hyper('beta2', beta2)),
      tf.mul(tf.mul(g, g), scalars.hyper('1-beta2', 1 - beta2)),
    );
    expAvg.assign(m);
    expAvgSq.assign(v);

    // Bias corrections in float64 JS numbers, as torch computes them in Python floats.
    const step = state.step;
    const stepSize = lr / (1 - beta1 ** step);
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
    let second: tf.Tensor = v;
    if (this.amsgrad) {
      const maxSq = state.slot('max_exp_avg_sq', () => tf.zerosLike(param));
      second = tf.maximum(maxSq, v);
      maxSq.assign(second);
    }
    const denom = tf.add(
      tf.div(tf.sqrt(second), scalars.perStep(biasCorrection2Sqrt)),
      scalars.hyper('eps', this.eps),
    );
    param.assign(tf.sub(param, tf.mul(tf.div(m, denom), scalars.perStep(stepSize))));
  }

  toConfig(): AdamConfig | AdamWConfig {
    return {
      type: 'Adam',
      lr: this.lr,
      betas: this.betas,
      eps: this.eps,
      weightDecay: this.weightDecay,
      amsgrad: this.amsgrad,
      maximize: this.maximize,
    };
  }
}
