/**
 * One step of one run, as the numbers panel reads it: where it stood, what it was fed, what
 * the optimizer held afterwards, and where it went.
 */
import type { OptimizerConfig } from '../optim/types';
import type { Point, SurfaceRun } from './types';

export interface StepView {
  /** 1-based: step `step` moves from point step - 1 to point step. */
  step: number;
  /** θ before the step. */
  theta: Point;
  /** θ after the step. */
  thetaNext: Point;
  /** The update θnext - θ (of the float32 values, exactly). */
  delta: Point;
  /** ∇f(θ) as fed to the optimizer (float32). */
  grad: Point;
  /** f(θ) and f(θnext). */
  loss: number;
  lossNext: number;
  /** The lr the step used (after the scheduler's previous step). */
  lr: number;
  /** momentum (SGD, RMSprop) or beta1 (Adam family) the step used; undefined if none. */
  momentum: number | undefined;
  /** The optimizer's state after the step under torch's names: counters as numbers, slots as (x, y). */
  state: Record<string, number | Point>;
  /**
   * SGD with nesterov (also inside Lookahead): the look-ahead point θ - lr·μ·b, b the new
   * momentum_buffer. torch's Nesterov update is θnext = lookAhead - lr·g' (g' the gradient
   * after weight decay / maximize): the momentum step, then a gradient step from there.
   * (Inside Lookahead the relation holds except on sync steps, every k-th.)
   */
  lookAhead?: Point;
}

function nesterov(config: OptimizerConfig): boolean {
  if (config.type === 'Lookahead') return nesterov(config.optimizer);
  return config.type === 'SGD' && config.nesterov === true;
}

const pointAt = (array: ArrayLike<number>, i: number): Point => [array[2 * i], array[2 * i + 1]];

/** Step `step` (1 ... run.steps) of `run`. Throws RangeError outside that range. */
export function stepView(run: SurfaceRun, step: number): StepView {
  if (!Number.isInteger(step) || step < 1 || step > run.steps) {
    throw new RangeError(`stepView: step must be an integer in [1, ${run.steps}], got ${step}`);
  }
  const theta = pointAt(run.points, step - 1);
  const thetaNext = pointAt(run.points, step);
  const width = run.stateKeys.reduce((sum, key) => sum + key.size, 0);
  const row = (step - 1) * width;
  const state: Record<string, number | Point> = {};
  for (const key of run.stateKeys) {
    const at = row + key.offset;
    state[key.name] = key.size === 1 ? run.state[at] : [run.state[at], run.state[at + 1]];
  }
  const momentum = run.momentum[step - 1];
  const view: StepView = {
    step,
    theta,
    thetaNext,
    delta: [thetaNext[0] - theta[0], thetaNext[1] - theta[1]],
    grad: pointAt(run.grad, step - 1),
    loss: run.loss[step - 1],
    lossNext: run.loss[step],
    lr: run.lr[step - 1],
    momentum: Number.isNaN(momentum) ? undefined : momentum,
    state,
  };
  const buffer = state.momentum_buffer;
  if (nesterov(run.optimizer) && Array.isArray(buffer) && view.momentum !== undefined) {
    const scale = view.lr * view.momentum;
    view.lookAhead = [theta[0] - scale * buffer[0], theta[1] - scale * buffer[1]];
  }
  return view;
}
