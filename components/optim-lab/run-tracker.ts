/**
 * The latest numbers of each run, folded from the worker's progress batches, and the
 * sentences the lab says about them. Pure (no DOM), so the wording is unit-tested.
 */
import type { DivergenceInfo, ProgressBatch, RunStatus } from '../../src/protocol/progress';
import { formatValue } from '../plot/format';

export interface RunSnapshot {
  runId: string;
  /** 0-based position in the lab's run list. */
  index: number;
  label: string;
  status: RunStatus;
  /** Optimizer steps taken (0 before the first). */
  step: number;
  /** Fractional epochs completed. */
  epoch: number;
  /** Latest mini-batch loss (NaN before the first step). */
  loss: number;
  /** The lr the latest step used. */
  lr: number;
  /** Latest validation loss / accuracy (NaN before the first evaluation; accuracy NaN for regression). */
  valLoss: number;
  valAccuracy: number;
  /** The run's SWA average's latest evaluation (runs that average, once it has begun). */
  swa?: SwaSnapshot;
  diverged?: DivergenceInfo;
  error?: string;
  /** With `error`: the config field it is about (`runs[0].scheduler.lrLambda`), if any. */
  errorField?: string;
}

export interface SwaSnapshot {
  /** The step of the evaluation. */
  step: number;
  valLoss: number;
  /** NaN for regression. */
  valAccuracy: number;
  trainLoss: number;
}

export interface IngestResult {
  /** Runs that received new steps in this batch, in run order. */
  advanced: RunSnapshot[];
  /** Runs whose divergence this batch announced for the first time. */
  diverged: RunSnapshot[];
  /** Runs that failed with an error in this batch. */
  failed: RunSnapshot[];
}

function last(values: ArrayLike<number>): number {
  return values.length ? values[values.length - 1] : Number.NaN;
}

export class RunTracker {
  private readonly runs = new Map<string, RunSnapshot>();

  /** Starts over with these runs (ids and labels in display order), all at step 0. */
  reset(runs: ReadonlyArray<{ id: string; label: string }>): void {
    this.runs.clear();
    runs.forEach((run, index) => {
      this.runs.set(run.id, {
        runId: run.id,
        index,
        label: run.label,
        status: 'idle',
        step: 0,
        epoch: 0,
        loss: Number.NaN,
        lr: Number.NaN,
        valLoss: Number.NaN,
        valAccuracy: Number.NaN,
      });
    });
  }

  /** Keeps the numbers of runs that stay, adds new ones at step 0, drops removed ones. */
  setRuns(runs: ReadonlyArray<{ id: string; label: string }>): void {
    const previous = new Map(this.runs);
    this.reset(runs);
    for (const [id, snapshot] of this.runs) {
      const kept = previous.get(id);
      if (kept) this.runs.set(id, { ...kept, index: snapshot.index, label: snapshot.label });
    }
  }

  get(runId: string): RunSnapshot | undefined {
    return this.runs.get(runId);
  }

  snapshots(): RunSnapshot[] {
    return [...this.runs.values()].sort((a, b) => a.index - b.index);
  }

  ingest(batch: ProgressBatch): IngestResult {
    const result: IngestResult = { advanced: [], diverged: [], failed: [] };
    for (const id of batch.removedRuns) this.runs.delete(id);
    for (const progress of batch.runs) {
      const snapshot = this.runs.get(progress.runId);
      if (!snapshot) continue;
      const wasDiverged = snapshot.diverged !== undefined;
      const hadError = snapshot.status === 'error';
      snapshot.status = progress.status;
      if (progress.steps.length > 0) {
        snapshot.step = last(progress.steps);
        snapshot.epoch = last(progress.epochs);
        snapshot.loss = last(progress.loss);
        snapshot.lr = last(progress.lr);
        result.advanced.push(snapshot);
      }
      if (progress.evals.steps.length > 0) {
        snapshot.valLoss = last(progress.evals.valLoss);
        snapshot.valAccuracy = last(progress.evals.valAccuracy);
      }
      const swa = progress.swa;
      if (swa && swa.steps.length > 0) {
        snapshot.swa = {
          step: last(swa.steps),
          valLoss: last(swa.valLoss),
          valAccuracy: last(swa.valAccuracy),
          trainLoss: last(swa.trainLoss),
        };
      }
      if (progress.diverged && !wasDiverged) {
        snapshot.diverged = progress.diverged;
        result.diverged.push(snapshot);
      }
      if (progress.status === 'error' && !hadError) {
        snapshot.error = progress.error;
        snapshot.errorField = progress.errorField;
        result.failed.push(snapshot);
      }
    }
    const order = (a: RunSnapshot, b: RunSnapshot) => a.index - b.index;
    result.advanced.sort(order);
    result.diverged.sort(order);
    return result;
  }
}

/** "Run 2 (SGD + LambdaLR) stopped: runs[1].scheduler.lrLambda: division by zero ...". */
export function runFailureMessage(run: RunSnapshot, error = run.error ?? 'error'): string {
  return `Run ${run.index + 1} (${run.label}) stopped: ${error}`;
}

/** "Run 2 (SGD, lr 100) diverged at step 340, lr = 3.2." */
export function divergenceMessage(run: RunSnapshot): string {
  const info = run.diverged;
  if (!info) return '';
  const loss = Number.isFinite(info.loss)
    ? `the loss reached ${formatValue(info.loss)}`
    : `the loss became ${info.loss}`;
  return `Run ${run.index + 1} (${run.label}) diverged at step ${info.step}, lr = ${formatValue(info.lr)}: ${loss}. Try a smaller learning rate or a warm-up.`;
}

/** "validation accuracy 97%" (classification) or "validation loss 0.12"; '' before any. */
export function validationWords(loss: number, accuracy: number): string {
  if (Number.isFinite(accuracy)) return `validation accuracy ${Math.round(accuracy * 100)}%`;
  return Number.isFinite(loss) ? `validation loss ${formatValue(loss)}` : '';
}

/** One line per run for the text summary: "Adam: loss 0.123 at step 600, validation accuracy 97%". */
export function runSummary(run: RunSnapshot): string {
  if (run.diverged) return `${run.label}: diverged at step ${run.diverged.step}`;
  if (run.step === 0) return `${run.label}: not started`;
  const parts = [`loss ${formatValue(run.loss)} at step ${run.step}`];
  const validation = validationWords(run.valLoss, run.valAccuracy);
  if (validation) parts.push(validation);
  const averaged = run.swa && validationWords(run.swa.valLoss, run.swa.valAccuracy);
  if (averaged) parts.push(`SWA average: ${averaged}`);
  return `${run.label}: ${parts.join(', ')}`;
}

/** Every run's summary line, as one paragraph. */
export function summaryText(runs: readonly RunSnapshot[]): string {
  const lines = runs.map(runSummary);
  return `${lines.join('. ')}${lines.length ? '.' : ''}`;
}
