/**
 * The op-by-op engine: each run's weights are tf.Variables, each step is TF.js ops
 * (trainStep: forward, loss, tf.variableGrads, the run's torch-exact tf.Optimizer). It is the
 * reference the fused engines are checked against, and what runs wherever they cannot.
 * A chunk's losses, gradient norms and evaluations are read in one asynchronous transfer.
 */
import * as tf from '@tensorflow/tfjs';
import { createVariables, assignVariables, forward } from '../model/mlp';
import { BatchSource } from './batches';
import { applyHyperparameters, hyperparametersOf, NO_AVERAGE_YET } from './engine';
import type {
  EngineInfo,
  EngineRun,
  GridWeights,
  RunOutcome,
  RunSteps,
  TrainingEngine,
} from './engine';
import type { Session } from './session';
import { evaluate, trainStep } from './step';
import type { SplitTensors } from './step';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class OpsEngine implements TrainingEngine {
  readonly info: EngineInfo;
  private readonly variables = new Map<EngineRun, tf.Variable[]>();
  /** Each SWA run's running average, made at its first update. */
  private readonly averages = new Map<EngineRun, tf.Variable[]>();
  private readonly train_: SplitTensors;
  private readonly validation: SplitTensors;
  private readonly batches: BatchSource;

  constructor(
    private readonly session: Session,
    fallback?: string,
  ) {
    this.info = { engine: 'ops', implementation: 'ops', ...(fallback ? { fallback } : {}) };
    const { dataset } = session;
    const split = ({ x, y }: { x: Float32Array; y: Float32Array }): SplitTensors => ({
      x: tf.tensor2d(x, [y.length, dataset.inputDims]),
      y: tf.tensor1d(y),
      count: y.length,
    });
    this.train_ = split(dataset.train);
    this.validation = split(dataset.validation);
    this.batches = new BatchSource(
      this.train_.x,
      this.train_.y,
      session.batchSize,
      session.shuffleSeed,
    );
  }

  attach(run: EngineRun, weights: readonly Float32Array[]): void {
    this.variables.set(run, createVariables(this.session.spec, weights));
  }

  detach(run: EngineRun): void {
    tf.dispose(this.variables.get(run));
    this.variables.delete(run);
    tf.dispose(this.averages.get(run));
    this.averages.delete(run);
  }

  restart(run: EngineRun, weights: readonly Float32Array[]): void {
    assignVariables(this.require(run), weights);
  }

  resetOptimizer(): void {
    // The optimizer (and with it its state) is the run's; the Trainer has remade it.
  }

  async train(steps: number, runs: readonly RunSteps[]): Promise<RunOutcome[]> {
    const { spec } = this.session;
    const scalars: tf.Scalar[] = [];
    const errors = new Map<RunSteps, string>();
    // Where each run's numbers land in `scalars`: per step [loss, gradNorm], then the evals.
    const slots = new Map<RunSteps, { steps: number[]; evaluation: number; average: number }>();
    // Each run keeps the lr its scheduler left for the next chunk; steps here replay the
    // values it had before each of them.
    const after = runs.map(({ run }) => hyperparametersOf(run.optimizer));
    try {
      for (const entry of runs) slots.set(entry, { steps: [], evaluation: -1, average: -1 });
      // Step-major, as the loop always did: every run's step k before any run's step k + 1.
      for (let k = 0; k < steps; k++) {
        for (const entry of runs) {
          if (errors.has(entry)) continue;
          const variables = this.require(entry.run);
          try {
            applyHyperparameters(entry.run.optimizer, entry.hyper[k]);
            const batchIndex = entry.firstStep + k;
            const { loss, gradNorm } = trainStep(spec, variables, entry.run.optimizer, () =>
              this.batches.batch(batchIndex),
            );
            slots.get(entry)!.steps.push(scalars.length);
            scalars.push(loss, gradNorm);
          } catch (error) {
            errors.set(entry, errorMessage(error));
          }
        }
      }
      for (const entry of runs) {
        if (entry.updateAverage === undefined || errors.has(entry)) continue;
        this.foldIntoAverage(entry.run, entry.updateAverage);
      }
      for (const entry of runs) {
        if (!entry.evaluate || errors.has(entry)) continue;
        const slot = slots.get(entry)!;
        slot.evaluation = scalars.length;
        scalars.push(...evaluate(spec, this.require(entry.run), this.validation, this.train_));
        const average = this.averages.get(entry.run);
        if (!entry.evaluateAverage || !average) continue;
        slot.average = scalars.length;
        scalars.push(...evaluate(spec, average, this.validation, this.train_));
      }
    } finally {
      runs.forEach(({ run }, i) => applyHyperparameters(run.optimizer, after[i]));
    }
    const values = await readAll(scalars);
    return runs.map((entry) => {
      const slot = slots.get(entry)!;
      const loss = new Float32Array(steps);
      const gradNorm = new Float32Array(steps);
      slot.steps.forEach((index, k) => {
        loss[k] = values[index];
        gradNorm[k] = values[index + 1];
      });
      const at = (index: number) => (index < 0 ? null : values.slice(index, index + 4));
      const outcome: RunOutcome = { loss, gradNorm, evaluation: at(slot.evaluation) };
      if (slot.average >= 0) outcome.averageEvaluation = at(slot.average);
      const error = errors.get(entry);
      if (error !== undefined) outcome.error = error;
      return outcome;
    });
  }

  async predict(
    run: EngineRun,
    inputs: Float32Array,
    weights: GridWeights = 'run',
  ): Promise<Float32Array> {
    const { spec } = this.session;
    const dims = spec.inputDims;
    const variables = weights === 'swa' ? this.averages.get(run) : this.require(run);
    if (!variables) throw new Error(`ops engine: ${NO_AVERAGE_YET}`);
    const output = tf.tidy(() => {
      const y = forward(spec, variables, tf.tensor2d(inputs, [inputs.length / dims, dims]));
      return spec.task === 'binary' ? tf.sigmoid(y) : y;
    });
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    for (const variables of this.variables.values()) tf.dispose(variables);
    this.variables.clear();
    for (const average of this.averages.values()) tf.dispose(average);
    this.averages.clear();
    this.batches.dispose();
    tf.dispose([this.train_.x, this.train_.y, this.validation.x, this.validation.y]);
  }

  /** AveragedModel.update_parameters: a copy at first, then the running equal average. */
  private foldIntoAverage(run: EngineRun, averaged: number): void {
    const variables = this.require(run);
    let average = this.averages.get(run);
    if (!average) {
      average = variables.map((v) => tf.variable(v, false));
      this.averages.set(run, average);
      return;
    }
    const count = averaged + 1;
    tf.tidy(() => {
      average.forEach((a, i) => {
        a.assign(averaged === 0 ? variables[i] : tf.add(a, tf.div(tf.sub(variables[i], a), count)));
      });
    });
  }

  private require(run: EngineRun): tf.Variable[] {
    const variables = this.variables.get(run);
    if (!variables) throw new Error('ops engine: unknown run');
    return variables;
  }
}

/** Every scalar's value in one asynchronous transfer; the scalars are disposed. */
async function readAll(scalars: tf.Scalar[]): Promise<Float32Array> {
  if (scalars.length === 0) return new Float32Array(0);
  const stacked = tf.stack(scalars);
  tf.dispose(scalars);
  try {
    return (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
}
