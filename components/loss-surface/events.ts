/**
 * The element's events, shaped as `<optim-lab>`'s (components/optim-lab/events.ts), so one
 * page listener reads both: `optim-progress` per run as playback advances, `optim-end` when
 * it reaches the last step. On a surface every step sees the whole "data set" (f itself),
 * so a step is an epoch; there is no validation loss.
 */
import type { RunStatus } from '../../src/protocol/progress';
import type { SurfaceRun } from '../../src/surface/types';
import type { OptimEndDetail, OptimProgressDetail } from '../optim-lab/events';
import type { RunSnapshot } from '../optim-lab/run-tracker';
import { shownPoint } from './run-text';

/** One entry of the `trajectories` property. */
export interface SurfaceTrajectory {
  label: string;
  /** points[0] is the start, points[i] the point after step i. */
  points: [x: number, y: number][];
  /** loss[i] = f(points[i]). */
  loss: number[];
}

export function trajectoryOf(run: SurfaceRun): SurfaceTrajectory {
  const points: [number, number][] = [];
  for (let i = 0; i <= run.steps; i++) points.push([run.points[2 * i], run.points[2 * i + 1]]);
  return { label: run.label, points, loss: Array.from(run.loss.subarray(0, run.steps + 1)) };
}

export const runId = (index: number) => `run-${index + 1}`;

function statusAt(run: SurfaceRun, step: number, playing: boolean): RunStatus {
  if (run.diverged && run.diverged.point <= step) return 'diverged';
  if (run.status !== 'running' && step >= run.steps) return 'done';
  if (playing) return 'training';
  return step === 0 ? 'idle' : 'paused';
}

/** Run `index` as shown at playback step `step`. */
export function snapshotAt(
  run: SurfaceRun,
  index: number,
  step: number,
  playing: boolean,
): RunSnapshot {
  const at = shownPoint(run, step);
  const snapshot: RunSnapshot = {
    runId: runId(index),
    index,
    label: run.label,
    status: statusAt(run, step, playing),
    step: at,
    epoch: at,
    loss: run.loss[at],
    lr: at > 0 ? run.lr[at - 1] : Number.NaN,
    valLoss: Number.NaN,
    valAccuracy: Number.NaN,
  };
  if (run.diverged && run.diverged.point <= step) {
    const point = run.diverged.point;
    snapshot.diverged = {
      step: point,
      lr: point > 0 ? run.lr[point - 1] : Number.NaN,
      loss: run.loss[point],
    };
  }
  return snapshot;
}

export function progressDetail(snapshot: RunSnapshot): OptimProgressDetail {
  const { index, runId: id, label, step, epoch, loss, lr, status } = snapshot;
  return { run: index, runId: id, label, step, epoch, loss, lr, status };
}

export function endDetail(runs: readonly SurfaceRun[], step: number): OptimEndDetail {
  return { runs: runs.map((run, index) => snapshotAt(run, index, step, false)) };
}
