import * as tf from '@tensorflow/tfjs';
import { AdamLike } from './adam-like';
import type { ResolvedAdamaxConfig } from './resolved';
import type { ParameterState } from './state';
import type { AdamaxConfig } from './types';

/** torch.optim.Adamax (1.13 `_single_tensor_adamax`): Adam with an infinity-norm second moment. */
export class Adamax extends AdamLike {
  static get className(): string {
    return 'Adamax';
  }

  constructor(config: ResolvedAdamaxConfig) {
    super(config);
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const [beta1, beta2] = this.betas;
    const scalars = this.scalars;
    const g = this.regularizedGradient(param, grad, this);
    const m = this.updateFirstMoment(param, g, state);
    const expInf = state.slot('exp_inf', () => tf.zerosLike(param));
    // torch: eps is added to |g| (not to the norm), then the elementwise max is taken.
    const u = tf.maximum(
      tf.mul(expInf, scalars.hyper('beta2', beta2)),
      tf.add(tf.abs(g), scalars.hyper('eps', this.eps)),
    );
    expInf.assign(u);

    const clr = this.lr / (1 - beta1 ** state.step);
    param.assign(tf.sub(param, tf.mul(tf.div(m, u), scalars.perStep(clr))));
  }

  toConfig(): AdamaxConfig {
    return {
      type: 'Adamax',
      lr: this.lr,
      betas: this.betas,
      eps: this.eps,
      weightDecay: this.weightDecay,
      maximize: this.maximize,
    };
  }
}
