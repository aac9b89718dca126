/**
 * Trajectories on a loss surface, computed by the project's own torch-exact optimizers and
 * schedulers: each run is a TorchOptimizer on a 2-element float32 tf.Variable θ = (x, y),
 * stepped exactly as a PyTorch loop would:
 *
 *   g = ∇f(θ)  (float64 reverse-mode AD at the float32 θ, then rounded to float32)
 *   optimizer.applyGradients({ θ: g })   // = p.grad = g; optimizer.step()
 *   scheduler.step(f(θ))                 // the metric only matters to ReduceLROnPlateau
 *
 * and after every step records θ, f(θ), ∇f(θ), the lr and momentum/beta1 the step used, and
 * the optimizer's state. Runs advance together chunk by chunk; each chunk is one `steps`
 * message (see src/protocol/surface.ts), so a page can draw while the rest is computed.
 * Meant for TF.js's cpu backend: with 2-element tensors the cost is per op.
 */
import * as tf from '@tensorflow/tfjs';
import { createOptimizer } from '../optim';
import type { TorchOptimizer } from '../optim/base';
import type {
  SurfaceBegin,
  SurfaceComputeOptions,
  SurfaceMessage,
  SurfaceRunSteps,
} from '../protocol/surface';
import { createScheduler } from '../schedule';
import type { LiveScheduler, SchedulableOptimizer } from '../schedule/types';
import { TrajectorySet } from './accumulate';
import { parseSurfaceConfig } from './config';
import { EXPLODING_DISTANCE, MIN_STEPS_PER_MESSAGE, RUN_STEPS_PER_MESSAGE } from './limits';
import { readOptimizerState } from './optimizer-state';
import type { StateRow } from './optimizer-state';
import { createSurface } from './surface';
import type { Surface } from './surface';
import type {
  StateEntry,
  SurfaceConfig,
  SurfaceDivergence,
  SurfaceResult,
  SurfaceRunConfig,
  SurfaceRunStatus,
  ViewBox,
} from './types';

/** momentum (SGD, RMSprop), else beta1 (Adam family), else NaN (Adagrad, Adadelta). */
function momentumOf(optimizer: TorchOptimizer): number {
  const schedulable = optimizer as unknown as SchedulableOptimizer;
  if (typeof schedulable.momentum === 'number') return schedulable.momentum;
  return schedulable.betas?.[0] ?? NaN;
}

function inside(view: ViewBox, x: number, y: number): boolean {
  return x >= view.x[0] && x <= view.x[1] && y >= view.y[0] && y <= view.y[1];
}

const format = (value: number) => String(Number(value.toPrecision(6)));

/** Rows of possibly different layouts as one array in the last (largest) row's layout. */
function packRows(rows: readonly StateRow[]): { keys: StateEntry[]; values: Float64Array } {
  const keys = rows.length > 0 ? rows[rows.length - 1].keys : [];
  const width = keys.reduce((sum, key) => sum + key.size, 0);
  const values = new Float64Array(rows.length * width).fill(NaN);
  rows.forEach((row, r) => {
    for (const key of keys) {
      const own = row.keys.find((entry) => entry.name === key.name);
      if (own === undefined) continue;
      for (let k = 0; k < key.size; k++)
        values[r * width + key.offset + k] = row.values[own.offset + k];
    }
  });
  return { keys, values };
}

/** One run: its θ variable, optimizer and scheduler, and where it stands. */
class RunStepper {
  status: SurfaceRunStatus = 'running';
  steps = 0;
  loss = NaN;
  diverged?: SurfaceDivergence;
  leftView?: number;
  /** θ as float32, what the variable holds. */
  readonly point = new Float32Array(2);
  /** ∇f(θ) rounded to float32: a fresh array per point, since the gradient tensor adopts it. */
  grad = new Float32Array(2);
  private readonly grad64 = new Float64Array(2);
  private readonly variable: tf.Variable;
  private readonly optimizer: TorchOptimizer;
  private readonly scheduler: LiveScheduler | null;
  private readonly centre: [number, number];
  private readonly explodeRadius: number;

  constructor(
    run: SurfaceRunConfig,
    private readonly surface: Surface,
    private readonly config: SurfaceConfig,
  ) {
    const { view } = config;
    this.centre = [(view.x[0] + view.x[1]) / 2, (view.y[0] + view.y[1]) / 2];
    this.explodeRadius =
      (EXPLODING_DISTANCE * Math.hypot(view.x[1] - view.x[0], view.y[1] - view.y[0])) / 2;
    this.point.set(config.start);
    // A copy: a tensor adopts the array it is made from (cpu backend), and this.point changes.
    const initial = Float32Array.from(this.point);
    this.variable = tf.tidy(() => tf.variable(tf.tensor1d(initial), true));
    let optimizer: TorchOptimizer | undefined;
    try {
      optimizer = createOptimizer(run.optimizer);
      this.scheduler =
        run.scheduler.type === 'None' ? null : createScheduler(run.scheduler, optimizer);
    } catch (error) {
      optimizer?.dispose();
      this.variable.dispose();
      throw error;
    }
    this.optimizer = optimizer;
    this.evaluate();
  }

  /** f, ∇f and the checks at the current point (index `this.steps`). */
  private evaluate(): void {
    const [x, y] = this.point;
    this.loss = this.surface.valueAndGradient(x, y, this.grad64);
    this.grad = Float32Array.from(this.grad64);
    const index = this.steps;
    if (this.leftView === undefined && !inside(this.config.view, x, y)) this.leftView = index;
    const finite = [x, y, this.loss, this.grad[0], this.grad[1]].every(Number.isFinite);
    if (!finite) {
      const why =
        Number.isFinite(x) && Number.isFinite(y)
          ? `f or its gradient is not finite at (${format(x)}, ${format(y)}): ${this.surface.diagnose(x, y) ?? 'the gradient overflows float32'}`
          : `the update made θ non-finite (${x}, ${y}): the lr is too large for this surface`;
      this.stop({ point: index, reason: 'non-finite', message: why });
    } else if (Math.hypot(x - this.centre[0], y - this.centre[1]) > this.explodeRadius) {
      this.stop({
        point: index,
        reason: 'exploding',
        message: `θ = (${format(x)}, ${format(y)}) is more than ${EXPLODING_DISTANCE} view sizes away: the steps grew without bound`,
      });
    }
  }

  private stop(divergence: SurfaceDivergence): void {
    this.status = 'diverged';
    this.diverged = divergence;
  }

  /** Up to `count` more steps (fewer once the run diverges or is done). */
  async advance(count: number): Promise<SurfaceRunSteps> {
    const n = this.status === 'running' ? Math.min(count, this.config.steps - this.steps) : 0;
    const from = this.steps;
    const points = new Float32Array(2 * n);
    const loss = new Float64Array(n);
    const grad = new Float32Array(2 * n);
    const lr = new Float64Array(n);
    const momentum = new Float64Array(n);
    const rows: StateRow[] = [];
    const name = this.variable.name;
    let k = 0;
    while (k < n && this.status === 'running') {
      lr[k] = this.optimizer.lr;
      momentum[k] = momentumOf(this.optimizer);
      const gradient = tf.tensor1d(this.grad);
      try {
        this.optimizer.applyGradients({ [name]: gradient });
      } finally {
        gradient.dispose();
      }
      this.scheduler?.step(this.loss);
      this.point.set(this.variable.dataSync());
      this.steps += 1;
      this.evaluate();
      points.set(this.point, 2 * k);
      loss[k] = this.loss;
      grad.set(this.grad, 2 * k);
      rows.push(await readOptimizerState(this.optimizer, name));
      k += 1;
    }
    if (this.status === 'running' && this.steps === this.config.steps) this.status = 'done';
    const state = packRows(rows);
    const trim = <T extends Float32Array | Float64Array>(array: T, per: number): T =>
      (k === n ? array : array.slice(0, k * per)) as T;
    const steps: SurfaceRunSteps = {
      run: -1,
      from,
      count: k,
      points: trim(points, 2),
      loss: trim(loss, 1),
      grad: trim(grad, 2),
      lr: trim(lr, 1),
      momentum: trim(momentum, 1),
      stateKeys: state.keys,
      state: state.values,
      status: this.status,
    };
    if (this.diverged) steps.diverged = { ...this.diverged };
    if (this.leftView !== undefined) steps.leftView = this.leftView;
    return steps;
  }

  dispose(): void {
    this.optimizer.dispose();
    this.variable.dispose();
  }
}

/** Steps per message: about RUN_STEPS_PER_MESSAGE run-steps, at least MIN_STEPS_PER_MESSAGE. */
function chunkSteps(options: SurfaceComputeOptions, runs: number): number {
  const asked = options.chunkSteps;
  if (asked !== undefined) {
    if (!Number.isInteger(asked) || asked < 1) {
      throw new RangeError(`chunkSteps: must be an integer >= 1, got ${String(asked)}`);
    }
    return asked;
  }
  return Math.max(MIN_STEPS_PER_MESSAGE, Math.ceil(RUN_STEPS_PER_MESSAGE / runs));
}

/**
 * Validates `input` (throwing ConfigError naming the field) and computes every run, as a
 * stream: one `begin` message, then `steps` messages until every run is done or diverged.
 * Stopping early (break, return()) frees every tensor; so does finishing.
 */
export async function* surfaceMessages(
  input: unknown,
  options: SurfaceComputeOptions = {},
): AsyncGenerator<SurfaceMessage, void, undefined> {
  const config = parseSurfaceConfig(input);
  const perMessage = chunkSteps(options, config.runs.length);
  const surface = createSurface(config);
  const steppers: RunStepper[] = [];
  try {
    for (const run of config.runs) steppers.push(new RunStepper(run, surface, config));
    const begin: SurfaceBegin = {
      kind: 'begin',
      config,
      runs: steppers.map((stepper) => {
        const start: SurfaceBegin['runs'][number] = {
          point: Float32Array.from(stepper.point),
          loss: stepper.loss,
          grad: Float32Array.from(stepper.grad),
          status: stepper.status,
        };
        if (stepper.diverged) start.diverged = { ...stepper.diverged };
        if (stepper.leftView !== undefined) start.leftView = stepper.leftView;
        return start;
      }),
    };
    yield begin;
    while (steppers.some((stepper) => stepper.status === 'running')) {
      const runs: SurfaceRunSteps[] = [];
      for (const [index, stepper] of steppers.entries()) {
        if (stepper.status !== 'running') continue;
        const steps = await stepper.advance(perMessage);
        steps.run = index;
        runs.push(steps);
      }
      yield { kind: 'steps', runs };
    }
  } finally {
    for (const stepper of steppers) stepper.dispose();
  }
}

export interface ComputeTrajectoriesOptions extends SurfaceComputeOptions {
  /** Called after each message is applied, with the trajectories so far. */
  onProgress?: (result: SurfaceResult) => void;
}

/**
 * Every run's whole trajectory on the surface `input` describes (a SurfaceConfigInput).
 * Throws ConfigError naming the field. Leaves tf.memory().numTensors as it found it.
 */
export async function computeTrajectories(
  input: unknown,
  options: ComputeTrajectoriesOptions = {},
): Promise<SurfaceResult> {
  let set: TrajectorySet | undefined;
  for await (const message of surfaceMessages(input, options)) {
    if (message.kind === 'begin') set = new TrajectorySet(message);
    else set?.apply(message);
    if (set) options.onProgress?.({ config: set.config, runs: set.runs });
  }
  if (set === undefined) throw new Error('computeTrajectories: the engine sent no begin message');
  return { config: set.config, runs: set.runs };
}
