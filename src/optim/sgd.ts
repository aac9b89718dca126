import * as tf from '@tensorflow/tfjs';
import { MomentumLike } from './momentum-like';
import type { ResolvedSGDConfig } from './resolved';
import type { ParameterState } from './state';
import type { SGDConfig } from './types';

/** torch.optim.SGD (1.13 `_single_tensor_sgd`): momentum, dampening, L2 weight decay, Nesterov. */
export class SGD extends MomentumLike {
  static get className(): string {
    return 'SGD';
  }

  readonly dampening: number;
  readonly nesterov: boolean;

  constructor(config: ResolvedSGDConfig) {
    super(config);
    this.dampening = config.dampening;
    this.nesterov = config.nesterov;
  }

  protected updateParameter(param: tf.Variable, grad: tf.Tensor, state: ParameterState): void {
    const scalars = this.scalars;
    let direction = this.regularizedGradient(param, grad, this);
    const momentum = this.momentum;
    if (momentum !== 0) {
      // Made (and kept) on the first step too, though only later steps use them, so that the
      // number of live tensors is the same from the first step on.
      const momentumScalar = scalars.hyper('momentum', momentum);
      const dampingScalar =
        this.dampening === 0 ? null : scalars.hyper('1-dampening', 1 - this.dampening);
      let buffer: tf.Tensor;
      if (state.hasSlot('momentum_buffer')) {
        const slot = state.slot('momentum_buffer', () => direction);
        // With no dampening the factor is exactly 1: skip the multiply, not the semantics.
        const damped = dampingScalar === null ? direction : tf.mul(direction, dampingScalar);
        buffer = tf.add(tf.mul(slot, momentumScalar), damped);
        slot.assign(buffer);
      } else {
        // torch: the first buffer is the gradient itself, undamped.
        buffer = state.slot('momentum_buffer', () => tf.clone(direction));
      }
      direction = this.nesterov ? tf.add(direction, tf.mul(buffer, momentumScalar)) : buffer;
    }
    param.assign(tf.sub(param, tf.mul(direction, scalars.hyper('lr', this.lr))));
  }

  toConfig(): SGDConfig {
    return {
      type: 'SGD',
      lr: this.lr,
      momentum: this.momentum,
      dampening: this.dampening,
      weightDecay: this.weightDecay,
      nesterov: this.nesterov,
      maximize: this.maximize,
    };
  }
}
