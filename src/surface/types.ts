/**
 * The data types of loss surfaces and their trajectories. TF-free: the page reads them too.
 */
import { OPTIMIZER_TYPES } from '../optim/defaults';
import type { OptimizerConfig, OptimizerType } from '../optim/types';
import type { SchedulerConfig } from '../schedule/types';

export const SURFACE_NAMES = [
  'rosenbrock',
  'beale',
  'himmelblau',
  'saddle',
  'quadratic',
  'rastrigin',
  'expression',
] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

/** The names of the `optimizers="SGD Adam"` shorthand: every type, plus the two SGD presets. */
export type ShorthandOptimizer = OptimizerType | 'SGD+momentum' | 'Nesterov';
export const SHORTHAND_OPTIMIZERS: readonly ShorthandOptimizer[] = [
  'SGD',
  'SGD+momentum',
  'Nesterov',
  ...OPTIMIZER_TYPES.filter((type) => type !== 'SGD'),
];

export type Point = [x: number, y: number];

/** The rectangle a surface is drawn over: x in [x[0], x[1]], y in [y[0], y[1]]. */
export interface ViewBox {
  x: [min: number, max: number];
  y: [min: number, max: number];
}

/** A point worth marking on the picture. */
export interface SurfaceMark {
  x: number;
  y: number;
  /** f there. */
  value: number;
  kind: 'minimum' | 'saddle';
}

export interface SurfaceRunInput {
  optimizer: OptimizerConfig;
  scheduler?: SchedulerConfig;
  /** Legend name; default the optimizer type (plus the scheduler's). */
  label?: string;
}

/** What a page or script writes; `parseSurfaceConfig` fills in every default. */
export interface SurfaceConfigInput {
  /** Default 'rosenbrock'. */
  function?: SurfaceName;
  /** f(x, y) in the expression language; required with (and only with) function 'expression'. */
  expression?: string;
  /** Quadratic only: c in 0.5 (x^2 + c y^2), default 10. */
  condition?: number;
  /** Where every run starts; default the function's. */
  start?: readonly [number, number];
  /** Default the function's. */
  view?: { x: readonly [number, number]; y: readonly [number, number] };
  /** Optimizer steps per run (default DEFAULT_SURFACE_STEPS, at most MAX_SURFACE_STEPS). */
  steps?: number;
  runs?: SurfaceRunInput[];
  /** Shorthand runs, e.g. "SGD Adam RMSprop": PyTorch's defaults plus the function's lr. */
  optimizers?: string;
}

export interface SurfaceRunConfig {
  label: string;
  /** Every option filled in with PyTorch's defaults. */
  optimizer: OptimizerConfig;
  /** `{ type: 'None' }` when there is none. */
  scheduler: SchedulerConfig;
}

/** A validated surface config, every default filled in (itself a valid input). */
export interface SurfaceConfig {
  function: SurfaceName;
  /** Present for function 'expression'. */
  expression?: string;
  /** Present for function 'quadratic'. */
  condition?: number;
  start: Point;
  view: ViewBox;
  steps: number;
  runs: SurfaceRunConfig[];
}

export type SurfaceRunStatus = 'running' | 'done' | 'diverged';

/** Why a run stopped early. */
export interface SurfaceDivergence {
  /** The index of the offending point (0: the start). */
  point: number;
  /** 'non-finite': θ, f(θ) or ∇f(θ) is NaN or ±Infinity; 'exploding': θ went further than
   * EXPLODING_DISTANCE (engine.ts) view-box half-diagonals from the view's centre. */
  reason: 'non-finite' | 'exploding';
  /** For a learner, e.g. `f is not finite at (-0.5, 1): log() at column 1 gives NaN`. */
  message: string;
}

/** One slot of a run's optimizer state: `values[offset ... offset + size - 1]` of a row. */
export interface StateEntry {
  /** torch's state key (`step`, `exp_avg`, `momentum_buffer`, ...; Lookahead adds `slow`). */
  name: string;
  /** 1 for counters (step, mu_product), 2 for per-coordinate slots (x, y). */
  size: number;
  offset: number;
}

/**
 * One run's whole trajectory (as TrajectorySet assembles it from the messages). Arrays are
 * allocated for every step the config asks for; the first `steps` (+ 1 for points) are set.
 */
export interface SurfaceRun {
  label: string;
  optimizer: OptimizerConfig;
  scheduler: SchedulerConfig;
  status: SurfaceRunStatus;
  /** Steps taken so far. */
  steps: number;
  /** Point i at [2i, 2i + 1] (float32, the parameter's dtype), i = 0 ... steps. */
  points: Float32Array;
  /** f(point i) in float64, i = 0 ... steps. */
  loss: Float64Array;
  /** ∇f(point i) as float32, i = 0 ... steps: grad of point i - 1 is what step i was fed. */
  grad: Float32Array;
  /** lr[i - 1]: the lr step i used, i = 1 ... steps. */
  lr: Float64Array;
  /** momentum[i - 1]: the momentum or beta1 step i used (NaN where the optimizer has none). */
  momentum: Float64Array;
  /** The layout of a state row (empty before the first step). */
  stateKeys: StateEntry[];
  /** Row i - 1 (stateKeys' width): the optimizer's state after step i. */
  state: Float64Array;
  diverged?: SurfaceDivergence;
  /** The first point outside the view box, if any. */
  leftView?: number;
}

/** Every run of one computation: the validated config and each run's trajectory. */
export interface SurfaceResult {
  config: SurfaceConfig;
  runs: SurfaceRun[];
}
