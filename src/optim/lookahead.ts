import * as tf from '@tensorflow/tfjs';
import type { GradientInput, NamedTensor } from './base';
import { gradientEntries, registeredVariable, TorchOptimizer } from './base';
import type { ResolvedLookaheadConfig } from './resolved';
import type { ParameterState } from './state';
import type { BaseOptimizerConfig, Betas, LookaheadConfig } from './types';

/** Inner optimizer weights are listed after Lookahead's own, under this prefix. */
const INNER_PREFIX = 'lookahead.inner:';

/**
 * Lookahead (Zhang et al. 2019, Algorithm 1) around any other optimizer. Not in torch.
 *
 * The slow weights start at the parameters as they are before the first inner step; after
 * every k inner steps, slow += alpha * (fast - slow) and the parameters (fast weights) are
 * reset to slow. The inner optimizer's state (moments, momentum buffers) carries on across
 * syncs. (torch_optimizer and timm copy the slow weights lazily at the first sync instead,
 * which makes that first sync a no-op; we follow the paper.)
 *
 * `lr`, and `momentum` / `betas` when the inner optimizer has them, read and write the inner
 * optimizer's, so a scheduler drives a Lookahead exactly as it drives the inner optimizer.
 */
export class Lookahead extends TorchOptimizer {
  static get className(): string {
    return 'Lookahead';
  }

  readonly k: number;
  readonly alpha: number;
  declare momentum?: number;
  declare betas?: Betas;

  constructor(
    config: ResolvedLookaheadConfig,
    readonly inner: TorchOptimizer,
  ) {
    super();
    this.k = config.k;
    this.alpha = config.alpha;
    // Own properties only where the inner optimizer has them, so `'momentum' in optimizer`
    // answers the same for a Lookahead as for what it wraps.
    for (const key of ['momentum', 'betas'] as const) {
      if (key in inner) {
        Object.defineProperty(this, key, {
          get: () => (inner as unknown as Record<string, unknown>)[key],
          set: (value: unknown) => {
            (inner as unknown as Record<string, unknown>)[key] = value;
          },
          enumerable: true,
        });
      }
    }
  }

  override get lr(): number {
    return this.inner.lr;
  }

  override set lr(value: number) {
    this.inner.lr = value;
  }

  override applyGradients(variableGradients: GradientInput): void {
    for (const { name, gradient } of gradientEntries(variableGradients)) {
      if (gradient === null) continue;
      const param = registeredVariable(name);
      this.stateFor(name).slot('slow', () => tf.clone(param));
    }
    this.inner.applyGradients(variableGradients);
    // Counts steps per parameter and calls updateParameter, which syncs every k steps.
    super.applyGradients(variableGradients);
  }

  protected updateParameter(param: tf.Variable, _grad: tf.Tensor, state: ParameterState): void {
    if (state.step % this.k !== 0) return;
    const slow = state.slot('slow', () => tf.clone(param));
    // Per step, not kept: syncs are rare, and a kept scalar first made at step k would make
    // the number of live tensors change after the run has started.
    const alpha = this.scalars.perStep(this.alpha);
    const newSlow = tf.add(slow, tf.mul(tf.sub(param, slow), alpha));
    slow.assign(newSlow);
    param.assign(newSlow);
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const own = await super.getWeights();
    const inner = await this.inner.getWeights();
    return [...own, ...inner.map(({ name, tensor }) => ({ name: INNER_PREFIX + name, tensor }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const own = weightValues.filter(({ name }) => !name.startsWith(INNER_PREFIX));
    const inner = weightValues
      .filter(({ name }) => name.startsWith(INNER_PREFIX))
      .map(({ name, tensor }) => ({ name: name.slice(INNER_PREFIX.length), tensor }));
    await super.setWeights(own);
    await this.inner.setWeights(inner);
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }

  toConfig(): LookaheadConfig {
    return {
      type: 'Lookahead',
      k: this.k,
      alpha: this.alpha,
      optimizer: this.inner.toConfig() as BaseOptimizerConfig,
    };
  }
}
