import * as tf from '@tensorflow/tfjs';
import { AdamLike } from './adam-like';
import type { ResolvedNAdamConfig } from './resolved';
import type { ParameterState } from './state';
import type { NAdamConfig } from './types';

const f32 = Math.fround;

/**
 * torch.optim.NAdam (1.13 `_single_tensor_nadam`) with momentum decay (Dozat 2016).
 * `maximize` is not in torch 1.13's NAdam; as in later torch, it negates the gradient first.
 */
export class NAdam extends AdamLike {
  static get className(): string {
    return 'NAdam';
  }

  protected override readonly counterNames: readonly string[] = ['step', 'mu_product'];
  readonly momentumDecay: number;

  constructor(config: ResolvedNAdamConfig) {
    super(config);
    this.momentumDecay = config.momentumDecay;
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const [beta1, beta2] = this.betas;
    const lr = this.lr;
    const step = state.step;
    const scalars = this.scalars;
    const g = this.regularizedGradient(param, grad, this);

    // The momentum cache mu_t and mu_{t+1}, in float64 like torch's Python floats.
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * this.momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * this.momentumDecay));
    // torch keeps mu_product in a float32 tensor, so each product is rounded to float32.
    const muProduct = f32(state.counter('mu_product', 1) * f32(mu));
    const muProductNext = f32(f32(muProduct * f32(mu)) * f32(muNext));
    state.setCounter('mu_product', muProduct);

    const { m, v } = this.updateMoments(param, g, state);

    const denom = tf.add(
      tf.sqrt(tf.div(v, scalars.perStep(1 - beta2 ** step))),
      scalars.hyper('eps', this.eps),
    );
    // Two separate updates, as torch's two addcdiv_ calls (each rounds to float32).
    const gradStep = scalars.perStep((lr * (1 - mu)) / (1 - muProduct));
    const momentStep = scalars.perStep((lr * muNext) / (1 - muProductNext));
    const afterGrad = tf.sub(param, tf.mul(tf.div(g, denom), gradStep));
    param.assign(tf.sub(afterGrad, tf.mul(tf.div(m, denom), momentStep)));
  }

  toConfig(): NAdamConfig {
    return {
      type: 'NAdam',
      lr: this.lr,
      betas: this.betas,
      eps: this.eps,
      weightDecay: this.weightDecay,
      momentumDecay: this.momentumDecay,
      maximize: this.maximize,
    };
  }
}
