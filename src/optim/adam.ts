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
    const decoupled = this.decoupledWeightDecay;
    const g = this.regularizedGradient(param, grad, {
      maximize: this.maximize,
      weightDecay: decoupled ? 0 : this.weightDecay,
    });
    // AdamW with weightDecay 0 would multiply p by exactly 1: skipping that changes nothing.
    if (decoupled && this.weightDecay !== 0) {
      param.assign(tf.mul(param, scalars.hyper('1-lr*weightDecay', 1 - lr * this.weightDecay)));
    }
    const { m, v } = this.updateMoments(param, g, state);

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
