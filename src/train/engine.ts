/**
 * What trains the runs: the Trainer decides which runs step how far with which lr (their
 * schedulers, computed ahead for the chunk), an engine does the arithmetic. Three engines
 * implement this one interface: the op-by-op TF.js reference (./ops-engine.ts), the fused
 * CPU loop and the fused WebGPU kernels (src/fused). The Trainer never knows which it has.
 */
import type { TorchOptimizer } from '../optim/base';
import type { OptimizerConfig } from '../optim/types';
import type { StepHyperparameters } from '../fused/coefficients';
import type { EngineChoice, EngineInfo, GridWeights } from '../protocol/api';

export type { EngineChoice, EngineInfo, GridWeights, StepHyperparameters };

/** A run as an engine sees it: its optimizer config, and the optimizer holding lr & co. */
export interface EngineRun {
  readonly config: { readonly optimizer: OptimizerConfig };
  /**
   * The run's optimizer: the op-by-op engine applies gradients with it; the fused engines
   * only read the hyperparameters the Trainer hands over per step.
   */
  readonly optimizer: TorchOptimizer;
}

/** Steps one run takes in a chunk. */
export interface RunSteps {
  run: EngineRun;
  /** The run's optimizer steps so far: its first step here uses batch `firstStep`. */
  firstStep: number;
  /** lr and momentum/beta1 of each step, as the scheduler set them before it. */
  hyper: readonly StepHyperparameters[];
  /** Evaluate (validation and full training set) after the last step. */
  evaluate: boolean;
  /**
   * SWA: after the last step, fold the weights into the run's running average, which holds
   * this many models so far (0: the average becomes a copy of the weights); absent: no update.
   * The update comes before the evaluation, as torch's recipe updates at the epoch's end.
   */
  updateAverage?: number;
  /** With `evaluate`: evaluate the SWA average too (it holds at least one model by then). */
  evaluateAverage?: boolean;
}

/** What a chunk gives back for one run, aligned with its RunSteps. */
export interface RunOutcome {
  /** Mini-batch loss of each step (with the L2 penalty), then its gradient norm. */
  loss: Float32Array;
  gradNorm: Float32Array;
  /** [valLoss, valAccuracy, trainLoss, trainAccuracy] when asked to evaluate. */
  evaluation: Float32Array | null;
  /** The same for the SWA average, when asked to evaluate it. */
  averageEvaluation?: Float32Array | null;
  /** Set when this run failed (its numbers are then meaningless); other runs are unaffected. */
  error?: string;
}

export interface TrainingEngine {
  readonly info: EngineInfo;
  /** Takes on a run starting from `weights` ([W0, b0, W1, b1, ...]) with fresh optimizer state. */
  attach(run: EngineRun, weights: readonly Float32Array[]): void;
  /** Frees everything the engine holds for the run. */
  detach(run: EngineRun): void;
  /** Back to `weights` with fresh optimizer state (the run's optimizer was remade). */
  restart(run: EngineRun, weights: readonly Float32Array[]): void;
  /** Fresh optimizer state for a new optimizer, weights kept. */
  resetOptimizer(run: EngineRun): void;
  /** Advances each listed run by `steps` steps, evaluating where asked, in one go. */
  train(steps: number, runs: readonly RunSteps[]): Promise<RunOutcome[]>;
  /**
   * Outputs at `inputs` (row-major points): P(class 1), or the value for regression, of the
   * run's weights or (`'swa'`, once it has taken in a model) of its SWA average.
   */
  predict(run: EngineRun, inputs: Float32Array, weights?: GridWeights): Promise<Float32Array>;
  /** Frees everything (tensors, GPU buffers); the engine is unusable afterwards. */
  dispose(): void;
}

const f32 = Math.fround;

/** What an engine says when asked for an SWA average it does not hold (the Trainer never asks). */
export const NO_AVERAGE_YET = 'the run has no SWA average yet';

/**
 * AveragedModel.update_parameters' default avg_fn, in float32 op by op as torch computes it:
 * average + (weights - average) / (averaged + 1); with none averaged yet, a copy. The fused
 * CPU loop uses it as is; the WGSL kernel and the op-by-op engine write the same three ops.
 */
export function foldIntoAverage(
  average: Float32Array,
  weights: ArrayLike<number>,
  averaged: number,
): void {
  if (averaged === 0) {
    for (let i = 0; i < average.length; i++) average[i] = weights[i];
    return;
  }
  const count = averaged + 1;
  for (let i = 0; i < average.length; i++) {
    average[i] = f32(average[i] + f32(f32(weights[i] - average[i]) / count));
  }
}

type Holder = TorchOptimizer & { momentum?: number; betas?: readonly [number, number] };

/** The momentum-like hyperparameter a scheduler may cycle: momentum, or betas[0]. */
export function momentumOf(optimizer: TorchOptimizer): number | undefined {
  const holder = optimizer as Holder;
  return typeof holder.momentum === 'number' ? holder.momentum : holder.betas?.[0];
}

/** What the optimizer holds now: the hyperparameters its next step would use. */
export function hyperparametersOf(optimizer: TorchOptimizer): StepHyperparameters {
  const holder = optimizer as Holder;
  const hyper: StepHyperparameters = { lr: holder.lr, momentum: momentumOf(holder) };
  if (holder.betas !== undefined) hyper.beta2 = holder.betas[1];
  return hyper;
}

/** Writes one step's hyperparameters into the optimizer, as the scheduler had written them. */
export function applyHyperparameters(optimizer: TorchOptimizer, hyper: StepHyperparameters): void {
  const holder = optimizer as Holder;
  holder.lr = hyper.lr;
  if (hyper.momentum === undefined) return;
  if (typeof holder.momentum === 'number') holder.momentum = hyper.momentum;
  else if (holder.betas !== undefined)
    holder.betas = [hyper.momentum, hyper.beta2 ?? holder.betas[1]];
}
