/**
 * Scheduler configs: `type` is the torch.optim.lr_scheduler class name, options are
 * PyTorch's argument names in camelCase (step_size -> stepSize, T_max -> tMax, ...).
 * This module is pure TypeScript: no TF.js, so a page can draw LR curves without it.
 */

export interface StepLRConfig {
  type: 'StepLR';
  stepSize: number;
  gamma?: number;
}
export interface MultiStepLRConfig {
  type: 'MultiStepLR';
  milestones: number[];
  gamma?: number;
}
export interface ExponentialLRConfig {
  type: 'ExponentialLR';
  gamma: number;
}
/** lrLambda is an expression in `epoch`, e.g. "0.95 ** epoch" (parsed, never eval'd). */
export interface MultiplicativeLRConfig {
  type: 'MultiplicativeLR';
  lrLambda: string;
}
export interface LambdaLRConfig {
  type: 'LambdaLR';
  lrLambda: string;
}
export interface LinearLRConfig {
  type: 'LinearLR';
  startFactor?: number;
  endFactor?: number;
  totalIters?: number;
}
export interface ConstantLRConfig {
  type: 'ConstantLR';
  factor?: number;
  totalIters?: number;
}
export interface CosineAnnealingLRConfig {
  type: 'CosineAnnealingLR';
  tMax: number;
  etaMin?: number;
}
export interface CosineAnnealingWarmRestartsConfig {
  type: 'CosineAnnealingWarmRestarts';
  t0: number;
  tMult?: number;
  etaMin?: number;
}
export interface PolynomialLRConfig {
  type: 'PolynomialLR';
  totalIters?: number;
  power?: number;
}
export interface CyclicLRConfig {
  type: 'CyclicLR';
  baseLr: number;
  maxLr: number;
  stepSizeUp?: number;
  stepSizeDown?: number;
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  gamma?: number;
  cycleMomentum?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
}
export interface OneCycleLRConfig {
  type: 'OneCycleLR';
  maxLr: number;
  totalSteps: number;
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  cycleMomentum?: boolean;
  baseMomentum?: number;
  maxMomentum?: number;
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
}
export interface SequentialLRConfig {
  type: 'SequentialLR';
  schedulers: SchedulerConfig[];
  milestones: number[];
}
export interface ReduceLROnPlateauConfig {
  type: 'ReduceLROnPlateau';
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number;
  eps?: number;
}
export interface SWALRConfig {
  type: 'SWALR';
  swaLr: number;
  annealEpochs?: number;
  annealStrategy?: 'cos' | 'linear';
}
/** No scheduling: the optimizer's lr stays as set. */
export interface ConstantNoneConfig {
  type: 'None';
}

export type SchedulerConfig =
  | StepLRConfig
  | MultiStepLRConfig
  | ExponentialLRConfig
  | MultiplicativeLRConfig
  | LambdaLRConfig
  | LinearLRConfig
  | ConstantLRConfig
  | CosineAnnealingLRConfig
  | CosineAnnealingWarmRestartsConfig
  | PolynomialLRConfig
  | CyclicLRConfig
  | OneCycleLRConfig
  | SequentialLRConfig
  | ReduceLROnPlateauConfig
  | SWALRConfig
  | ConstantNoneConfig;

export type SchedulerType = SchedulerConfig['type'];

/**
 * What a scheduler needs of an optimizer: a settable lr and, where the optimizer has them,
 * momentum (SGD, RMSprop) or betas (Adam family). TF-free so src/schedule stays pure.
 */
export interface SchedulableOptimizer {
  lr: number;
  momentum?: number;
  betas?: readonly [number, number];
}

export interface ScheduleSample {
  /** lr[i]: the learning rate optimizer step i uses (PyTorch param_groups[0]['lr'] before step i). */
  lr: number[];
  /** momentum (or beta1 for the Adam family) per step, present when the schedule cycles it. */
  momentum?: number[];
}

export interface SampleOptions {
  steps: number;
  baseLr: number;
  /** Fed to ReduceLROnPlateau: metrics[i] is passed to scheduler.step() after optimizer step i. */
  metrics?: readonly number[];
  /** Initial momentum (or beta1), used when the schedule cycles momentum and none is given. */
  baseMomentum?: number;
}

/** A live scheduler driving an optimizer, stepped once after every optimizer step (or epoch). */
export interface LiveScheduler {
  readonly config: SchedulerConfig;
  /** The lr the optimizer holds now. */
  readonly lr: number;
  /** Steps taken so far (PyTorch's last_epoch). */
  readonly stepCount: number;
  step(metric?: number): void;
}
