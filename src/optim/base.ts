import * as tf from '@tensorflow/tfjs';
import { assertSettable } from './config';
import { ScalarCache } from './scalars';
import { ParameterState } from './state';
import type { OptimizerConfig } from './types';

export type NamedTensor = Parameters<tf.Optimizer['setWeights']>[0][number];
export type GradientInput = Parameters<tf.Optimizer['applyGradients']>[0];

/** One parameter's gradient as handed to applyGradients (null: no gradient this step). */
export interface GradientEntry {
  name: string;
  gradient: tf.Tensor | null;
}

export function gradientEntries(input: GradientInput): GradientEntry[] {
  if (Array.isArray(input)) {
    return input.map(({ name, tensor }) => ({ name, gradient: tensor ?? null }));
  }
  return Object.keys(input).map((name) => ({ name, gradient: input[name] ?? null }));
}

export function registeredVariable(name: string): tf.Variable {
  const variable = tf.engine().registeredVariables[name];
  if (variable === undefined) {
    throw new Error(`applyGradients: no tf.Variable named "${name}" is registered`);
  }
  return variable;
}

/** Weight names are `${paramName}/${key}`; parameter names may contain '/' themselves. */
function splitWeightName(name: string): { paramName: string; key: string } {
  const cut = name.lastIndexOf('/');
  if (cut <= 0) throw new Error(`setWeights: malformed optimizer weight name "${name}"`);
  return { paramName: name.slice(0, cut), key: name.slice(cut + 1) };
}

/**
 * A torch.optim optimizer as a tf.Optimizer, so `minimize`, `applyGradients` and
 * `LayersModel.compile({ optimizer })` all work.
 *
 * This class owns what every optimizer shares: per-parameter state (step counters and lazily
 * created slot variables, keyed by variable name rather than by position, so a gradient list
 * in a different order or missing a parameter cannot mix states up), serialization through
 * getWeights/setWeights, and dispose. Subclasses implement one torch `_single_tensor_*`
 * update for one parameter.
 *
 * Hyperparameters are plain JS numbers read at every step, so assigning `lr` (or momentum /
 * betas where the optimizer has them) takes effect on the next step, as when a torch
 * scheduler writes `param_groups[0]['lr']`. Updates take them as tensors from `scalars`,
 * which remakes a tensor only when its value changes (see ScalarCache).
 */
export abstract class TorchOptimizer extends tf.Optimizer {
  private lrValue = 0;
  private readonly states = new Map<string, ParameterState>();
  /** Scalar operands for updateParameter; freed by dispose(). */
  protected readonly scalars = new ScalarCache();

  /** Counter names kept per parameter (besides slots); NAdam adds `mu_product`. */
  protected readonly counterNames: readonly string[] = ['step'];

  get lr(): number {
    return this.lrValue;
  }

  set lr(value: number) {
    assertSettable('nonNegative', 'lr', value);
    this.lrValue = value;
  }

  /** The config that recreates this optimizer now (current lr, momentum, betas included). */
  abstract toConfig(): OptimizerConfig;

  override getConfig(): tf.serialization.ConfigDict {
    // A JSON round trip turns readonly tuples (betas) into the plain arrays ConfigDict wants.
    return JSON.parse(JSON.stringify(this.toConfig())) as tf.serialization.ConfigDict;
  }

  override applyGradients(variableGradients: GradientInput): void {
    const entries = gradientEntries(variableGradients);
    try {
      tf.tidy(() => {
        for (const { name, gradient } of entries) {
          if (gradient === null) continue; // torch skips parameters whose grad is None
          const param = registeredVariable(name);
          const state = this.stateFor(name);
          state.setCounter('step', state.step + 1);
          this.updateParameter(param, gradient, state);
        }
      });
    } finally {
      // The tidy has freed this step's scalars, also when an update threw.
      this.scalars.endStep();
    }
    this.incrementIterations();
  }

  /**
   * The gradient torch's updates start from: negated when maximizing, plus the coupled L2
   * term weightDecay * param. Pass the optimizer itself, or weightDecay 0 where the decay is
   * applied elsewhere (AdamW).
   */
  protected regularizedGradient(
    param: tf.Variable,
    grad: tf.Tensor,
    { maximize, weightDecay }: { maximize: boolean; weightDecay: number },
  ): tf.Tensor {
    const g = maximize ? tf.neg(grad) : grad;
    // torch skips the term too (`if weight_decay != 0`); 0 * param is not 0 for an inf param.
    if (weightDecay === 0) return g;
    return tf.add(g, tf.mul(param, this.scalars.hyper('weightDecay', weightDecay)));
  }

  /** One torch update of one parameter; runs inside a tidy, `state.step` already counts it. */
  protected abstract updateParameter(
    param: tf.Variable,
    gradient: tf.Tensor,
    state: ParameterState,
  ): void;

  protected stateFor(paramName: string): ParameterState {
    let state = this.states.get(paramName);
    if (state === undefined) {
      state = new ParameterState(paramName);
      this.states.set(paramName, state);
    }
    return state;
  }

  protected parameterStates(): ParameterState[] {
    return [...this.states.values()];
  }

  /**
   * `[iter, then per parameter: counters as float32 scalars, slot variables]`, named
   * `${paramName}/${key}` with torch's state keys (`step`, `exp_avg`, `momentum_buffer`...).
   * Counter scalars are new tensors the caller owns; slots are the live variables (as
   * tfjs's own optimizers return them).
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const weights: NamedTensor[] = [await this.saveIterations()];
    for (const state of this.states.values()) {
      for (const [key, value] of state.counterEntries()) {
        weights.push({ name: `${state.paramName}/${key}`, tensor: tf.scalar(value, 'float32') });
      }
      for (const [key, variable] of state.slotEntries()) {
        weights.push({ name: `${state.paramName}/${key}`, tensor: variable });
      }
    }
    return weights;
  }

  /** Replaces all state with `weightValues` (as produced by getWeights); copies nothing. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.disposeStates();
    for (const { name, tensor } of rest) {
      const { paramName, key } = splitWeightName(name);
      const state = this.stateFor(paramName);
      if (this.counterNames.includes(key)) {
        const [value] = await tensor.data();
        state.setCounter(key, value);
      } else {
        state.restoreSlot(key, tensor);
      }
    }
  }

  override dispose(): void {
    this.disposeStates();
    this.scalars.dispose();
  }

  private disposeStates(): void {
    for (const state of this.states.values()) state.dispose();
    this.states.clear();
  }
}
