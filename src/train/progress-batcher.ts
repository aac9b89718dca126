/**
 * ProgressBatcher: collects per-step and per-eval metrics of every run and turns them into
 * one ProgressBatch at most `maxRate` times per second. Pure (no timers, no TF.js): the
 * caller asks `isDue(now)` / `msUntilDue(now)` and calls `flush(now)`.
 */
import type {
  DivergenceInfo,
  EvalSeries,
  ExperimentStatus,
  ProgressBatch,
  RunProgress,
  RunStatus,
} from '../protocol/progress';
import { ConfigError } from '../protocol/validation';

export interface StepPoint {
  step: number;
  epoch: number;
  loss: number;
  lr: number;
  momentum?: number;
  gradNorm: number;
}

export interface EvalPoint {
  step: number;
  valLoss: number;
  valAccuracy: number;
  trainLoss: number;
  trainAccuracy: number;
}

export const DEFAULT_MAX_RATE = 30;

function evalSeries(points: readonly EvalPoint[]): EvalSeries {
  return {
    steps: Int32Array.from(points, (e) => e.step),
    valLoss: Float32Array.from(points, (e) => e.valLoss),
    valAccuracy: Float32Array.from(points, (e) => e.valAccuracy),
    trainLoss: Float32Array.from(points, (e) => e.trainLoss),
    trainAccuracy: Float32Array.from(points, (e) => e.trainAccuracy),
  };
}

class RunAccumulator {
  status: RunStatus = 'idle';
  diverged?: DivergenceInfo;
  error?: string;
  errorField?: string;
  steps: number[] = [];
  epochs: number[] = [];
  loss: number[] = [];
  lr: number[] = [];
  momentum: number[] = [];
  hasMomentum = false;
  gradNorm: number[] = [];
  evals: EvalPoint[] = [];
  /** The SWA average's evaluations. */
  swaEvals: EvalPoint[] = [];

  constructor(readonly runId: string) {}

  addStep(point: StepPoint): void {
    this.steps.push(point.step);
    this.epochs.push(point.epoch);
    this.loss.push(point.loss);
    this.lr.push(point.lr);
    this.momentum.push(point.momentum ?? NaN);
    if (point.momentum !== undefined) this.hasMomentum = true;
    this.gradNorm.push(point.gradNorm);
  }

  /** Builds the run's part of a message and empties the point buffers. */
  take(): RunProgress {
    const progress: RunProgress = {
      runId: this.runId,
      status: this.status,
      steps: Int32Array.from(this.steps),
      epochs: Float32Array.from(this.epochs),
      loss: Float32Array.from(this.loss),
      lr: Float32Array.from(this.lr),
      gradNorm: Float32Array.from(this.gradNorm),
      evals: evalSeries(this.evals),
    };
    if (this.hasMomentum) progress.momentum = Float32Array.from(this.momentum);
    if (this.swaEvals.length > 0) progress.swa = evalSeries(this.swaEvals);
    if (this.diverged) progress.diverged = { ...this.diverged };
    if (this.error !== undefined) progress.error = this.error;
    if (this.errorField !== undefined) progress.errorField = this.errorField;
    this.steps = [];
    this.epochs = [];
    this.loss = [];
    this.lr = [];
    this.momentum = [];
    this.hasMomentum = false;
    this.gradNorm = [];
    this.evals = [];
    this.swaEvals = [];
    return progress;
  }
}

export interface ExperimentShape {
  generation: number;
  totalSteps: number;
  stepsPerEpoch: number;
}

export class ProgressBatcher {
  readonly minIntervalMs: number;
  private runs = new Map<string, RunAccumulator>();
  private removed: string[] = [];
  private status: ExperimentStatus = 'unconfigured';
  private shape: ExperimentShape = { generation: 0, totalSteps: 0, stepsPerEpoch: 0 };
  private dirty = false;
  private seq = 0;
  private lastFlush = -Infinity;

  constructor(maxRate: number = DEFAULT_MAX_RATE) {
    if (!(maxRate > 0) || !Number.isFinite(maxRate)) {
      throw new ConfigError(
        'maxRate',
        `must be a finite number of messages per second > 0, got ${String(maxRate)}`,
      );
    }
    this.minIntervalMs = 1000 / maxRate;
  }

  /** A new experiment (configure/reset): pending points of the old one are dropped. */
  begin(shape: ExperimentShape, runIds: readonly string[], status: ExperimentStatus): void {
    this.shape = { ...shape };
    this.runs = new Map(runIds.map((id) => [id, new RunAccumulator(id)]));
    this.removed = [];
    this.status = status;
    this.dirty = true;
  }

  addRun(runId: string, status: RunStatus): void {
    const run = new RunAccumulator(runId);
    run.status = status;
    this.runs.set(runId, run);
    this.removed = this.removed.filter((id) => id !== runId);
    this.dirty = true;
  }

  removeRun(runId: string): void {
    if (this.runs.delete(runId)) this.removed.push(runId);
    this.dirty = true;
  }

  addStep(runId: string, point: StepPoint): void {
    this.runs.get(runId)?.addStep(point);
    this.dirty = true;
  }

  addEval(runId: string, point: EvalPoint): void {
    this.runs.get(runId)?.evals.push(point);
    this.dirty = true;
  }

  /** An evaluation of the run's SWA average (sent as `RunProgress.swa`). */
  addSwaEval(runId: string, point: EvalPoint): void {
    this.runs.get(runId)?.swaEvals.push(point);
    this.dirty = true;
  }

  setRunStatus(
    runId: string,
    status: RunStatus,
    detail: { diverged?: DivergenceInfo; error?: string; errorField?: string } = {},
  ): void {
    const run = this.runs.get(runId);
    if (!run) return;
    const divergedChanged =
      detail.diverged !== undefined && detail.diverged.step !== run.diverged?.step;
    const errorChanged = detail.error !== undefined && detail.error !== run.error;
    if (run.status === status && !divergedChanged && !errorChanged) return;
    run.status = status;
    if (divergedChanged) run.diverged = { ...detail.diverged! };
    if (errorChanged) {
      run.error = detail.error;
      run.errorField = detail.errorField;
    }
    this.dirty = true;
  }

  setStatus(status: ExperimentStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.dirty = true;
  }

  /** Something to send, and the rate limit allows it. */
  isDue(now: number): boolean {
    return this.dirty && now - this.lastFlush >= this.minIntervalMs;
  }

  /** Milliseconds until a flush is allowed (0 if now), or Infinity when nothing is pending. */
  msUntilDue(now: number): number {
    if (!this.dirty) return Infinity;
    return Math.max(0, this.lastFlush + this.minIntervalMs - now);
  }

  /** The message with everything since the previous flush; null if nothing is pending. */
  flush(now: number): ProgressBatch | null {
    if (!this.dirty) return null;
    this.dirty = false;
    this.lastFlush = now;
    const message: ProgressBatch = {
      type: 'progress',
      seq: this.seq++,
      generation: this.shape.generation,
      status: this.status,
      totalSteps: this.shape.totalSteps,
      stepsPerEpoch: this.shape.stepsPerEpoch,
      runs: [...this.runs.values()].map((run) => run.take()),
      removedRuns: this.removed,
    };
    this.removed = [];
    return message;
  }
}
