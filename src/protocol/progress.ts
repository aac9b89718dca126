/**
 * The progress message the worker sends to the page. One message carries every step since
 * the previous one, for every run, as typed arrays so the buffers can be transferred
 * (`postMessage(msg, transferables(msg))`) instead of copied.
 */

export type RunStatus = 'idle' | 'training' | 'paused' | 'done' | 'diverged' | 'error';

/** The experiment as a whole: `running` while the loop steps, `done` when every run stopped. */
export type ExperimentStatus = 'unconfigured' | 'idle' | 'running' | 'paused' | 'done';

/** Validation results, one entry per evaluation (each epoch, or every `evalEvery` steps). */
export interface EvalSeries {
  /** Optimizer steps completed when the evaluation ran. */
  steps: Int32Array;
  /** Mean loss over the validation set (without the L2 penalty). */
  valLoss: Float32Array;
  /** Validation accuracy in [0, 1]; NaN for regression. */
  valAccuracy: Float32Array;
  /** Mean loss over the whole training set (without the L2 penalty). */
  trainLoss: Float32Array;
  /** Training accuracy in [0, 1]; NaN for regression. */
  trainAccuracy: Float32Array;
}

export interface DivergenceInfo {
  /** The step whose loss was non-finite or exploded (1-based: the n-th optimizer step). */
  step: number;
  /** The learning rate that step used. */
  lr: number;
  /** The offending loss (NaN/Infinity, or more than 1e3 x the initial loss). */
  loss: number;
}

/** New points of one run since the previous message; arrays of one series share a length. */
export interface RunProgress {
  runId: string;
  status: RunStatus;
  /** 1-based optimizer step index of each point. */
  steps: Int32Array;
  /** Fractional epoch at the end of each step (step / stepsPerEpoch). */
  epochs: Float32Array;
  /** Mini-batch training loss of each step (including the L2 penalty, as optimized). */
  loss: Float32Array;
  /** The learning rate each step used. */
  lr: Float32Array;
  /** Momentum (SGD/RMSprop) or beta1 (Adam family) each step used; present when a scheduler cycles it. */
  momentum?: Float32Array;
  /** Global L2 norm of the gradient of each step. */
  gradNorm: Float32Array;
  evals: EvalSeries;
  /**
   * The SWA average's evaluations since the previous message, at the run's own evaluation
   * steps from the first average on (runs with `swa` only; absent when there are none).
   */
  swa?: EvalSeries;
  /** Where the run diverged; present in every message from the one where it happened on. */
  diverged?: DivergenceInfo;
  /** Error message when status is 'error'. */
  error?: string;
  /**
   * With `error`: the config field the failure is about, as a path into the experiment
   * (`runs[0].scheduler.lrLambda` for a lambda that fails as it trains), so a page can name
   * whatever set it (the lab: its `scheduler` attribute).
   */
  errorField?: string;
}

export interface ProgressBatch {
  type: 'progress';
  /** Increments with every message of a subscription; a gap means nothing, order is guaranteed. */
  seq: number;
  /**
   * Increments on configure() and reset(): when it changes, earlier points belong to an
   * experiment that no longer exists and a chart should clear them.
   */
  generation: number;
  status: ExperimentStatus;
  /** Steps each run takes in total, and per epoch. */
  totalSteps: number;
  stepsPerEpoch: number;
  runs: RunProgress[];
  /** Ids of runs removed since the previous message. */
  removedRuns: string[];
}

function evalArrays(evals: EvalSeries): (Int32Array | Float32Array)[] {
  return [evals.steps, evals.valLoss, evals.valAccuracy, evals.trainLoss, evals.trainAccuracy];
}

function runBuffers(run: RunProgress): ArrayBufferLike[] {
  const arrays = [run.steps, run.epochs, run.loss, run.lr, run.gradNorm, ...evalArrays(run.evals)];
  if (run.momentum) arrays.push(run.momentum);
  if (run.swa) arrays.push(...evalArrays(run.swa));
  return arrays.map((array) => array.buffer);
}

/**
 * The ArrayBuffers of a message, deduplicated, for `postMessage`/`Comlink.transfer`.
 * After transferring, the sender's arrays are detached: build a fresh message each time.
 */
export function transferables(msg: ProgressBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const run of msg.runs) {
    for (const buffer of runBuffers(run)) {
      // SharedArrayBuffers cannot be transferred (and need not be).
      if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) buffers.add(buffer);
    }
  }
  return [...buffers];
}
