/**
 * Everything a configured experiment shares between its runs: the dataset, the model spec,
 * the initial weights and the step counts. Built from a validated config; plain arrays only
 * (each engine makes whatever tensors or GPU buffers it needs from them).
 */
import { createDataset } from '../data/dataset';
import type { Dataset } from '../data/dataset';
import { initialWeights } from '../model/init';
import type { MlpSpec } from '../model/mlp';
import { stepsPerEpoch, totalSteps } from '../protocol/experiment';
import type { ExperimentConfig } from '../protocol/experiment';

export class Session {
  readonly dataset: Dataset;
  readonly spec: MlpSpec;
  /** [W0, b0, W1, b1, ...] every run starts from. */
  readonly initialWeights: Float32Array[];
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;

  constructor(readonly config: ExperimentConfig) {
    this.dataset = createDataset(config.dataset);
    const { model } = config;
    this.spec = {
      inputDims: this.dataset.inputDims,
      hidden: model.hidden,
      activation: model.activation,
      task: this.dataset.task,
      l2: model.l2,
    };
    this.initialWeights = initialWeights(
      this.dataset.inputDims,
      model.hidden,
      model.activation,
      model.init,
      model.seed,
    );
    this.stepsPerEpoch = stepsPerEpoch(config);
    this.totalSteps = totalSteps(config);
  }

  get batchSize(): number {
    return this.config.training.batchSize;
  }

  get shuffleSeed(): number {
    return this.config.training.shuffleSeed;
  }

  /** Steps between evaluations: evalEvery, or one epoch. */
  get evalEvery(): number {
    return this.config.training.evalEvery || this.stepsPerEpoch;
  }

  /** Whether validation should run after `step` (1-based) optimizer steps. */
  isEvalStep(step: number): boolean {
    return step % this.evalEvery === 0 || step === this.totalSteps;
  }

  /** Steps from `step` until the next evaluation (at most one evaluation period). */
  stepsToEval(step: number): number {
    return Math.min(this.evalEvery - (step % this.evalEvery), this.totalSteps - step);
  }
}
