/**
 * Everything a configured experiment shares between its runs: the dataset (as arrays and
 * tensors), the model spec, the initial weights and the batch order. Built from a validated
 * config; disposed as a whole on reconfigure or reset.
 */
import * as tf from '@tensorflow/tfjs';
import { createDataset } from '../data/dataset';
import type { Dataset } from '../data/dataset';
import { initialWeights } from '../model/init';
import type { MlpSpec } from '../model/mlp';
import { stepsPerEpoch, totalSteps } from '../protocol/experiment';
import type { ExperimentConfig } from '../protocol/experiment';
import { BatchSource } from './batches';

export interface SplitTensors {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
  count: number;
}

export class Session {
  readonly dataset: Dataset;
  readonly spec: MlpSpec;
  /** [W0, b0, W1, b1, ...] every run starts from. */
  readonly initialWeights: Float32Array[];
  readonly train: SplitTensors;
  readonly validation: SplitTensors;
  readonly batches: BatchSource;
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
    this.train = this.splitTensors(this.dataset.train);
    this.validation = this.splitTensors(this.dataset.validation);
    this.batches = new BatchSource(
      this.train.x,
      this.train.y,
      config.training.batchSize,
      config.training.shuffleSeed,
    );
    this.stepsPerEpoch = stepsPerEpoch(config);
    this.totalSteps = totalSteps(config);
  }

  /** Whether validation should run after `step` (1-based) optimizer steps. */
  isEvalStep(step: number): boolean {
    const every = this.config.training.evalEvery || this.stepsPerEpoch;
    return step % every === 0 || step === this.totalSteps;
  }

  dispose(): void {
    this.batches.dispose();
    tf.dispose([this.train.x, this.train.y, this.validation.x, this.validation.y]);
  }

  private splitTensors(split: { x: Float32Array; y: Float32Array }): SplitTensors {
    const count = split.y.length;
    return {
      x: tf.tensor2d(split.x, [count, this.dataset.inputDims]),
      y: tf.tensor1d(split.y),
      count,
    };
  }
}
