/**
 * `TrainerApi`: the one interface the training worker exposes over comlink. The page imports
 * only this type (never TF.js); every method is async because it crosses a thread.
 */
import type {
  ExperimentConfig,
  ExperimentConfigInput,
  RunConfig,
  RunConfigInput,
  DatasetConfig,
} from './experiment';
import type { Diagnostics } from './diagnostics';
import type { SwaConfigInput } from './swa';
import type { DivergenceInfo, ExperimentStatus, ProgressBatch, RunStatus } from './progress';
import type { OptimizerConfig } from '../optim/types';
import type { SchedulerConfig } from '../schedule/types';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

export interface InitOptions {
  /**
   * 'auto' measures a short probe of the fused training step on each usable backend (webgpu,
   * and the CPU loop on wasm or cpu) and keeps the fastest, preferring a hardware GPU.
   */
  backend?: BackendChoice;
  /** Folder (URL ending in '/') holding tfjs-backend-wasm's .wasm files. */
  wasmPaths?: string;
}

/** 'fused' (default): one program steps every run K steps; 'ops': op-by-op TF.js. */
export type EngineChoice = 'fused' | 'ops';

/** Which engine trains an experiment, and why when it is not the one asked for. */
export interface EngineInfo {
  engine: EngineChoice;
  /** 'ops', 'fused-cpu' (the Float32Array loop) or 'fused-webgpu' (WGSL kernels). */
  implementation: 'ops' | 'fused-cpu' | 'fused-webgpu';
  /** Why the fused path is not used, when the fused engine was asked for. */
  fallback?: string;
}

/** The WebGPU adapter the webgpu backend runs on, as the browser describes it. */
export interface GpuAdapterSummary {
  /** vendor, architecture, device and description, as far as the browser tells them. */
  name: string;
  /** A software rasterizer (SwiftShader, a fallback adapter): no GPU behind it. */
  software: boolean;
}

/** One candidate auto measured: the fused step's steps per second there (8 runs, default task). */
export interface BackendMeasurement {
  backend: BackendName;
  /** NaN when the probe did not finish within its time. */
  stepsPerSecond: number;
}

export interface BackendInfo {
  /** The backend in use. */
  backend: BackendName;
  /** Backends that were tried and could not start, with why. */
  skipped: { backend: BackendName; reason: string }[];
  /** Why this backend, in words a page can show, e.g. "wasm: 9.0x faster than webgpu
   * (software adapter: google swiftshader) here". */
  reason: string;
  /** How training runs: 'fused' (WGSL kernels on webgpu, the CPU loop elsewhere, webgl included:
   * it has no fused kernels). A config the fused path cannot run trains 'ops' (TrainerState.engine). */
  engine: EngineChoice;
  /** The WebGPU adapter, when one was found. */
  adapter?: GpuAdapterSummary;
  /** What auto measured, fastest first (absent when a backend was named). */
  measured?: BackendMeasurement[];
}

/**
 * What `updateRun` may change mid-training; changes apply from the next step. Fields left out
 * keep their current value, and every field is validated as in `configure`.
 */
export interface RunUpdate {
  /**
   * A new optimizer config. If only `lr` differs from the current one, the lr is changed in
   * place and the optimizer's state (moments, momentum buffers) is kept; any other change
   * replaces the optimizer with a fresh one (the old one and its state are disposed).
   */
  optimizer?: OptimizerConfig;
  /**
   * A new scheduler. A scheduler is (re)built whenever the optimizer or scheduler changes, so
   * it starts its schedule at that step, from the optimizer's lr at that moment.
   */
  scheduler?: SchedulerConfig;
  schedulerStepOn?: 'batch' | 'epoch';
  label?: string;
  /**
   * New SWA settings, or null for none. The average starts afresh (from `start`, or at the
   * next epoch's end when that epoch is past) and a new SWALR takes over when it does.
   */
  swa?: SwaConfigInput | null;
}

export interface SubscribeOptions {
  /** Most messages per second (default 30). */
  maxRate?: number;
}

export interface RunState {
  id: string;
  label: string;
  status: RunStatus;
  config: RunConfig;
  /** Optimizer steps taken. */
  step: number;
  /** Fractional epochs completed. */
  epoch: number;
  /** The lr the next step will use. */
  lr: number;
  /** Momentum / beta1 the next step will use, where the optimizer has one. */
  momentum?: number;
  /** Latest mini-batch loss (NaN before the first step). */
  loss: number;
  /** Latest validation loss and accuracy (NaN before the first evaluation / for regression). */
  valLoss: number;
  valAccuracy: number;
  diverged?: DivergenceInfo;
  error?: string;
  /** With `error`: the config field it is about (see RunProgress.errorField). */
  errorField?: string;
  /** Runs with `swa` only: the average and its latest evaluation. */
  swa?: SwaState;
}

/** Where a run's Stochastic Weight Averaging stands. */
export interface SwaState {
  /** Models averaged so far (torch's n_averaged): 0 until the end of epoch `swa.start`. */
  averaged: number;
  /** The average's latest validation loss and accuracy and full training loss (NaN before). */
  valLoss: number;
  valAccuracy: number;
  trainLoss: number;
}

export interface TrainerState {
  status: ExperimentStatus;
  /** null until configure() succeeds. */
  config: ExperimentConfig | null;
  generation: number;
  totalSteps: number;
  stepsPerEpoch: number;
  runs: RunState[];
  /** The engine training this experiment (null before configure): fused, or op by op and why. */
  engine?: EngineInfo | null;
}

/** Whose predictions predictGrid gives: the run's weights, or its SWA average. */
export type GridWeights = 'run' | 'swa';

export interface GridOptions {
  /** 'run' (default), or 'swa': the run's SWA average (a run with `swa`, once it began). */
  weights?: GridWeights;
}

export interface GridPrediction {
  /** Points per axis. For 2-D inputs `values` has n*n entries, row-major with y outermost
   * (values[iy * n + ix] at x = xRange[0] + ix/(n-1)*(xRange[1]-xRange[0])). For 1-D inputs
   * (sine) it has n entries along x. */
  n: number;
  xRange: [number, number];
  yRange: [number, number];
  /** P(class 1) for classification, the predicted value for regression. */
  values: Float32Array;
}

export type TaskKind = 'binary' | 'regression';

export interface DatasetSplit {
  /** Inputs, row-major: point i is x[i*inputDims ... i*inputDims + inputDims - 1]. */
  x: Float32Array;
  /** Targets: 0/1 labels for classification, real values for regression. */
  y: Float32Array;
}

export interface DatasetView {
  type: DatasetConfig['type'];
  task: TaskKind;
  inputDims: number;
  train: DatasetSplit;
  validation: DatasetSplit;
  /** The plane the data lives in (and predictGrid covers), padded by 10%. For 1-D inputs
   * (sine) xRange spans the inputs and yRange the targets, as a plot of y(x) needs. */
  xRange: [number, number];
  yRange: [number, number];
}

/** Options of `findLr`, the LR range test (Smith 2015 §3.3, fastai's lr_find). */
export interface LrFinderOptions {
  /** Optimizer to test (its lr is overridden per step); default the first run's optimizer. */
  optimizer?: OptimizerConfig;
  /** First lr of the ramp (default 1e-7). */
  startLr?: number;
  /** Last lr of the ramp (default 10); must be > startLr. */
  endLr?: number;
  /** Optimizer steps, one lr each (default 100). */
  steps?: number;
  /** 'exp' (default): lr_i = startLr * (endLr/startLr)^(i/(steps-1)); 'linear': evenly spaced. */
  mode?: 'exp' | 'linear';
  /** beta of the debiased exponential moving average of the loss, in [0, 1) (default 0.98). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this multiple of the best one so far (default 4). */
  divergeFactor?: number;
  /** Start from fresh weights drawn with this seed (same init scheme) instead of the
   * experiment's initial weights; the batch order is the experiment's either way. */
  seed?: number;
}

/** Read off the smoothed curve without the first tenth of the ramp (still mostly noise)
 * and, after an early stop, the last 5 points (the blow-up), as fastai does. */
export interface LrFinderSuggestion {
  /** The lr where the smoothed loss falls fastest against log10(lr). */
  steepest: number;
  /** The lr of the lowest smoothed loss, divided by 10 (fastai's "minimum / 10"). */
  minimumDiv10: number;
  /**
   * fastai's `valley` (its default since 2.4): the lr about two thirds of the way down the
   * longest stretch over which the smoothed loss keeps falling (src/train/lr-valley.ts).
   * findLr always sets it; optional so that a result written by hand may leave it out.
   */
  valley?: number;
}

/** One point per step taken (fewer than `steps` when stoppedEarly). */
export interface LrFinderResult {
  lr: Float32Array;
  /** The mini-batch training loss at that lr (as the runs report it, L2 penalty included). */
  loss: Float32Array;
  smoothedLoss: Float32Array;
  /** True when the loss blew up (or became non-finite) before the ramp ended. */
  stoppedEarly: boolean;
  /** NaN fields when no finite smoothed loss was seen. */
  suggestion: LrFinderSuggestion;
}

export interface TrainerApi {
  /** Picks and initialises the TF.js backend. Implemented by the worker entry. */
  init(options?: InitOptions): Promise<BackendInfo>;
  /**
   * Validates and installs an experiment (stopping and discarding any current one).
   * Resolves with the fully defaulted config; rejects with a ConfigError naming the field,
   * e.g. `runs[0].optimizer.lr: must be ...`, leaving the current experiment untouched.
   * The worker validates whatever arrives, whatever its type.
   */
  configure(config: ExperimentConfigInput): Promise<ExperimentConfig>;
  /** Starts (or resumes) training all live runs; resolves once the loop is running. */
  start(): Promise<void>;
  /** Stops stepping after the step in flight; resolves once stopped. */
  pause(): Promise<void>;
  /** Same as start() after a pause. */
  resume(): Promise<void>;
  /** Takes n more optimizer steps on every live run, then pauses; resolves when done. */
  step(n?: number): Promise<void>;
  /** Resolves when the loop is not running (paused, done, or never started). */
  waitForStop(): Promise<void>;
  /** Back to step 0 with fresh initial weights; a new `seed` re-derives every seed the
   * config did not set explicitly. Leaves the experiment paused at step 0 (status 'idle'). */
  reset(options?: { seed?: number }): Promise<void>;
  /** Adds a run starting at step 0 from the experiment's initial weights; resolves with its id. */
  addRun(run: RunConfigInput): Promise<string>;
  removeRun(runId: string): Promise<void>;
  /** Changes a run's optimizer / scheduler mid-training (see RunUpdate). */
  updateRun(runId: string, update: RunUpdate): Promise<RunConfig>;
  /** Streams batched progress to `onProgress` (a Comlink.proxy across the worker boundary). */
  subscribe(onProgress: (msg: ProgressBatch) => void, options?: SubscribeOptions): Promise<number>;
  unsubscribe(subscriptionId: number): Promise<void>;
  getState(): Promise<TrainerState>;
  /**
   * Predictions of one run's current weights (or, with `{ weights: 'swa' }`, of its SWA
   * average) on an n x n grid over the data plane.
   */
  predictGrid(runId: string, n: number, options?: GridOptions): Promise<GridPrediction>;
  /** The experiment's points, to draw them. */
  getDataset(): Promise<DatasetView>;
  /**
   * LR range test: trains a throwaway copy of the model from the experiment's initial weights
   * on the experiment's batches (in the runs' order) with the lr ramped from startLr to endLr,
   * one step per lr. The runs are never touched. Rejects while training is running (pause()
   * first); control calls made meanwhile wait until it is done. Options are validated, errors
   * naming the field (`findLr.endLr: must be > startLr`).
   */
  findLr(options?: LrFinderOptions): Promise<LrFinderResult>;
  /**
   * What the worker holds and does, to check for leaks from outside: tf.memory(), the GPU
   * buffers of the fused engine and of TF.js's webgpu backend, the backend and engine, the
   * status and step, and steps per second while training. Answered between training chunks,
   * without waiting for queued control calls.
   */
  getDiagnostics(): Promise<Diagnostics>;
}

/**
 * The TrainerApi methods every layer passes on as they are, in one list: the worker's
 * service forwards each to the engine once a backend runs, the page's client to the worker
 * through comlink (tracked, so a dying worker rejects it). Both generate those methods from
 * this list (workers/bridge.ts); a method is added to TrainerApi, the engine and here.
 */
export const FORWARDED_METHODS = [
  'configure',
  'start',
  'pause',
  'resume',
  'step',
  'waitForStop',
  'reset',
  'addRun',
  'removeRun',
  'updateRun',
  'getState',
  'predictGrid',
  'getDataset',
  'getDiagnostics',
] as const satisfies readonly (keyof TrainerApi)[];
export type ForwardedMethod = (typeof FORWARDED_METHODS)[number];

/**
 * The methods written out on each side because they behave differently there: `init`
 * selects the backend, `subscribe`/`unsubscribe` own a comlink proxy's lifetime, `findLr`
 * transfers its result's arrays instead of copying them.
 */
export type HandWrittenMethod = 'init' | 'subscribe' | 'unsubscribe' | 'findLr';

/** Fails to compile when a TrainerApi method is in neither list. */
type EveryMethodBridged<Missing extends never> = Missing;
export type BridgeCoverage = EveryMethodBridged<
  Exclude<keyof TrainerApi, ForwardedMethod | HandWrittenMethod>
>;
