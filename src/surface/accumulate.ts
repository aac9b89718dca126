/**
 * Assembles the streamed messages of one computation into whole trajectories. The engine's
 * computeTrajectories uses it in Node, the surface client on the page: one assembly for both.
 */
import type { SurfaceBegin, SurfaceMessage, SurfaceRunSteps } from '../protocol/surface';
import type { StateEntry, SurfaceConfig, SurfaceRun } from './types';

function width(keys: readonly StateEntry[]): number {
  return keys.reduce((sum, key) => sum + key.size, 0);
}

/** Copies state rows of `from`'s layout into `to`'s layout (NaN where `from` lacks a key). */
function relayout(
  rows: Float64Array,
  count: number,
  from: readonly StateEntry[],
  to: readonly StateEntry[],
  capacity: number,
): Float64Array {
  const out = new Float64Array(capacity * width(to)).fill(NaN);
  const fromWidth = width(from);
  const toWidth = width(to);
  for (const key of to) {
    const old = from.find((entry) => entry.name === key.name);
    if (old === undefined) continue;
    for (let row = 0; row < count; row++) {
      for (let k = 0; k < key.size; k++) {
        out[row * toWidth + key.offset + k] = rows[row * fromWidth + old.offset + k];
      }
    }
  }
  return out;
}

export class TrajectorySet {
  readonly config: SurfaceConfig;
  readonly runs: SurfaceRun[];

  constructor(begin: SurfaceBegin) {
    this.config = begin.config;
    const capacity = begin.config.steps;
    this.runs = begin.runs.map((start, index) => {
      const { label, optimizer, scheduler } = begin.config.runs[index];
      const run: SurfaceRun = {
        label,
        optimizer,
        scheduler,
        status: start.status,
        steps: 0,
        points: new Float32Array(2 * (capacity + 1)).fill(NaN),
        loss: new Float64Array(capacity + 1).fill(NaN),
        grad: new Float32Array(2 * (capacity + 1)).fill(NaN),
        lr: new Float64Array(capacity).fill(NaN),
        momentum: new Float64Array(capacity).fill(NaN),
        stateKeys: [],
        state: new Float64Array(0),
      };
      run.points.set(start.point);
      run.loss[0] = start.loss;
      run.grad.set(start.grad);
      if (start.diverged) run.diverged = start.diverged;
      if (start.leftView !== undefined) run.leftView = start.leftView;
      return run;
    });
  }

  /** Applies a `steps` message (a `begin` is what the constructor takes). */
  apply(message: SurfaceMessage): void {
    if (message.kind !== 'steps') throw new Error('TrajectorySet.apply: expected a steps message');
    for (const steps of message.runs) this.applyRun(steps);
  }

  private applyRun(steps: SurfaceRunSteps): void {
    const run = this.runs[steps.run];
    if (steps.from !== run.steps) {
      throw new Error(`run ${steps.run}: steps from ${steps.from} arrived after ${run.steps}`);
    }
    const capacity = this.config.steps;
    const { from, count } = steps;
    if (from + count > capacity) throw new Error(`run ${steps.run}: more steps than configured`);
    if (count > 0 && !sameLayout(run.stateKeys, steps.stateKeys)) {
      run.state = relayout(run.state, run.steps, run.stateKeys, steps.stateKeys, capacity);
      run.stateKeys = steps.stateKeys.map((key) => ({ ...key }));
    }
    run.points.set(steps.points, 2 * (from + 1));
    run.loss.set(steps.loss, from + 1);
    run.grad.set(steps.grad, 2 * (from + 1));
    run.lr.set(steps.lr, from);
    run.momentum.set(steps.momentum, from);
    run.state.set(steps.state, from * width(run.stateKeys));
    run.steps = from + count;
    run.status = steps.status;
    if (steps.diverged) run.diverged = steps.diverged;
    if (steps.leftView !== undefined) run.leftView = steps.leftView;
  }
}

function sameLayout(a: readonly StateEntry[], b: readonly StateEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (key, i) => key.name === b[i].name && key.size === b[i].size && key.offset === b[i].offset,
    )
  );
}
