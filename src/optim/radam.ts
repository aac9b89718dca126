import * as tf from '@tensorflow/tfjs';
import { AdamLike } from './adam-like';
import type { ResolvedRAdamConfig } from './resolved';
import type { ParameterState } from './state';
import type { RAdamConfig } from './types';

/**
 * torch.optim.RAdam (1.13 `_single_tensor_radam`, Liu et al. 2019): plain momentum SGD on
 * the bias-corrected first moment until the SMA length rho_t exceeds 5, then Adam with the
 * variance rectification term. `maximize` is not in torch 1.13's RAdam; as in later torch,
 * it negates the gradient first.
 */
export class RAdam extends AdamLike {
  static get className(): string {
    return 'RAdam';
  }

  constructor(config: ResolvedRAdamConfig) {
    super(config);
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const [beta1, beta2] = this.betas;
    const step = state.step;
    const scalars = this.scalars;
    const g = this.regularizedGradient(param, grad, this);
    const { m, v } = this.updateMoments(param, g, state);

    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2 = 1 - beta2 ** step;
    const correctedAvg = tf.div(m, scalars.perStep(biasCorrection1));
    const lr = scalars.hyper('lr', this.lr);
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
    let update: tf.Tensor;
    if (rhoT > 5) {
      const rect = Math.sqrt(
        ((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT),
      );
      // eps per step rather than kept: only this branch uses it, and a kept scalar appearing
      // after the first steps would make the number of live tensors jump mid-run.
      const adaptiveLr = tf.div(
        scalars.perStep(Math.sqrt(biasCorrection2)),
        tf.add(tf.sqrt(v), scalars.perStep(this.eps)),
      );
      update = tf.mul(tf.mul(tf.mul(correctedAvg, lr), adaptiveLr), scalars.perStep(rect));
    } else {
      update = tf.mul(correctedAvg, lr);
    }
    param.assign(tf.sub(param, update));
  }

  toConfig(): RAdamConfig {
    return {
      type: 'RAdam',
      lr: this.lr,
      betas: this.betas,
      eps: this.eps,
      weightDecay: this.weightDecay,
      maximize: this.maximize,
    };
  }
}
