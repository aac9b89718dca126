/**
 * One run of an experiment: its optimizer and scheduler, and where it stands (step, status,
 * latest metrics). Its weights and optimizer state live in the training engine.
 *
 * The optimizer is the scheduler's target and the source of each step's lr and momentum
 * (`scheduleAhead`); the op-by-op engine also applies gradients with it, while the fused
 * engines keep the numerical state themselves and never touch its (lazily made) tensors.
 */
import { createOptimizer } from '../optim';
import type { TorchOptimizer } from '../optim/base';
import { createScheduler } from '../schedule';
import { cyclesMomentum } from '../schedule/build';
import type { LiveScheduler, SchedulerConfig } from '../schedule/types';
import type { RunConfig } from '../protocol/experiment';
import { averagesAfter, firstAverageStep, ownSchedulerActs, swaScheduler } from '../protocol/swa';
import { hyperparametersOf, momentumOf } from './engine';
import type { StepHyperparameters } from './engine';
import type { DivergenceInfo, RunStatus } from '../protocol/progress';
import type { RunState, SwaState } from '../protocol/api';

/** Loss above this multiple of the first step's loss counts as divergence. */
export const DIVERGENCE_FACTOR = 1e3;
/** Floor under the initial loss for that test, so a near-zero first loss does not flag noise. */
const DIVERGENCE_LOSS_FLOOR = 1e-2;

export class TrainingRun {
  status: RunStatus = 'idle';
  /** Optimizer steps taken. */
  step = 0;
  /** The loop trains this run while step < stopAt. */
  stopAt = 0;
  initialLoss: number | undefined;
  lastLoss = NaN;
  lastValLoss = NaN;
  lastValAccuracy = NaN;
  diverged?: DivergenceInfo;
  error?: string;
  /** With `error`: the config field it is about (`runs[0].scheduler.lrLambda`). */
  errorField?: string;
  /** Set when removed from the trainer, so results read after removal are dropped. */
  removed = false;
  optimizer: TorchOptimizer;
  scheduler: LiveScheduler | null = null;
  /** SWA: models in the engine's average so far (torch's n_averaged). */
  swaAveraged = 0;
  /** SWA: the SWALR that took over the lr at the first average (built then, as it steps). */
  swaScheduler: LiveScheduler | null = null;
  /** SWA: the average's latest evaluation. */
  lastSwa = { valLoss: NaN, valAccuracy: NaN, trainLoss: NaN };

  /** Builds the optimizer and scheduler; if either fails, nothing it made is left behind. */
  constructor(public config: RunConfig) {
    this.optimizer = createOptimizer(config.optimizer);
    try {
      this.scheduler = this.buildScheduler(config.scheduler);
    } catch (error) {
      this.optimizer.dispose();
      throw error;
    }
  }

  /** Whether the loop should step this run now. */
  get isActive(): boolean {
    return this.status === 'training' && this.step < this.stopAt;
  }

  /** Whether the run can train further (not done, diverged or failed). */
  get isLive(): boolean {
    return this.status === 'idle' || this.status === 'training' || this.status === 'paused';
  }

  get lr(): number {
    return this.optimizer.lr;
  }

  /** momentum (SGD, RMSprop) or beta1 (Adam family); undefined where there is none. */
  get momentum(): number | undefined {
    return momentumOf(this.optimizer);
  }

  /** Whether per-step metrics carry momentum (only when a scheduler cycles it). */
  get recordsMomentum(): boolean {
    return cyclesMomentum(this.config.scheduler) && this.momentum !== undefined;
  }

  /** ReduceLROnPlateau is stepped with the validation loss at eval time, not per batch/epoch. */
  get usesPlateau(): boolean {
    return this.config.scheduler.type === 'ReduceLROnPlateau';
  }

  /** Whether the run's own scheduler acts on step `step` (1-based): always, or before SWA. */
  ownSchedulerActs(step: number, stepsPerEpoch: number): boolean {
    return ownSchedulerActs(this.config.swa, step, stepsPerEpoch);
  }

  /** Whether the SWA average takes in the weights after step `step`. */
  averagesAfter(step: number, stepsPerEpoch: number): boolean {
    return averagesAfter(this.config.swa, step, stepsPerEpoch);
  }

  /** Steps to the next SWA update (a chunk ends there), or Infinity when none is coming. */
  stepsToNextAverage(stepsPerEpoch: number): number {
    const swa = this.config.swa;
    if (!swa) return Infinity;
    const epochEnd = (Math.floor(this.step / stepsPerEpoch) + 1) * stepsPerEpoch;
    return Math.max(epochEnd, firstAverageStep(swa, stepsPerEpoch)) - this.step;
  }

  /** A loss that ends the run: non-finite, or far above where it started. */
  isDivergentLoss(loss: number): boolean {
    if (!Number.isFinite(loss)) return true;
    if (this.initialLoss === undefined) return false;
    return loss > DIVERGENCE_FACTOR * Math.max(this.initialLoss, DIVERGENCE_LOSS_FLOOR);
  }

  /**
   * Each of the next `steps` steps' hyperparameters (those the optimizer holds before it),
   * stepping the scheduler after each step as the loop would (after every batch, or at
   * epoch ends; ReduceLROnPlateau only at evaluations). `stepsPerEpoch` places epoch ends.
   * With SWA, from epoch `swa.start` on the run's scheduler rests and SWALR steps at each
   * epoch's end instead (torch's recipe). When a scheduler throws part way, the steps before
   * it are returned with the error.
   */
  scheduleAhead(
    steps: number,
    stepsPerEpoch: number,
  ): { hyper: StepHyperparameters[]; error?: unknown } {
    const hyper: StepHyperparameters[] = [];
    try {
      for (let k = 0; k < steps; k++) {
        hyper.push(hyperparametersOf(this.optimizer));
        const step = this.step + k + 1;
        if (this.averagesAfter(step, stepsPerEpoch)) {
          this.stepSwaScheduler();
          continue;
        }
        if (!this.scheduler || this.usesPlateau || !this.ownSchedulerActs(step, stepsPerEpoch))
          continue;
        const epochEnded = step % stepsPerEpoch === 0;
        if (this.config.schedulerStepOn === 'batch' || epochEnded) this.scheduler.step();
      }
    } catch (error) {
      return { hyper, error };
    }
    return { hyper };
  }

  /** SWALR's step at an SWA epoch end; the first builds it on the optimizer, as it is then. */
  private stepSwaScheduler(): void {
    const swa = this.config.swa;
    if (!swa) return;
    this.swaScheduler ??= createScheduler(swaScheduler(swa), this.optimizer);
    this.swaScheduler.step();
  }

  /** Back to no average: the next SWA epoch end starts it afresh, with a new SWALR. */
  private restartAverage(): void {
    this.swaAveraged = 0;
    this.swaScheduler = null;
    this.lastSwa = { valLoss: NaN, valAccuracy: NaN, trainLoss: NaN };
  }

  /**
   * Applies new optimizer/scheduler/SWA configs; the scheduler restarts from the optimizer's
   * lr, and new SWA settings start the average afresh. Returns whether the optimizer was
   * replaced (its state must then start afresh). The new optimizer and scheduler are made
   * before anything changes: if either fails, the run is left exactly as it was.
   */
  reconfigure(next: RunConfig): boolean {
    const previous = this.config;
    const optimizerChanged = JSON.stringify(previous.optimizer) !== JSON.stringify(next.optimizer);
    const schedulerChanged = JSON.stringify(previous.scheduler) !== JSON.stringify(next.scheduler);
    // Only the step size changes: keep the optimizer's state (moments, buffers).
    const keepOptimizer = !optimizerChanged || this.onlyLrDiffers(previous, next);
    const optimizer = keepOptimizer ? this.optimizer : createOptimizer(next.optimizer);
    const lrBefore = this.optimizer.lr;
    let scheduler = this.scheduler;
    try {
      if (optimizerChanged && keepOptimizer) {
        optimizer.lr = (next.optimizer as { lr: number }).lr;
      }
      if (optimizerChanged || schedulerChanged) {
        scheduler = this.buildScheduler(next.scheduler, optimizer);
      }
    } catch (error) {
      if (optimizer !== this.optimizer) optimizer.dispose();
      else optimizer.lr = lrBefore;
      throw error;
    }
    this.config = next;
    if (JSON.stringify(previous.swa) !== JSON.stringify(next.swa)) this.restartAverage();
    if (optimizer !== this.optimizer) this.optimizer.dispose();
    this.optimizer = optimizer;
    this.scheduler = scheduler;
    // A SWALR already at work anneals on from the new lr, rebuilt on the (new) optimizer.
    if (optimizerChanged) this.swaScheduler = null;
    return !keepOptimizer;
  }

  /** Back to step 0 with a fresh optimizer and scheduler (the engine resets the weights). */
  restart(): void {
    this.optimizer.dispose();
    this.optimizer = createOptimizer(this.config.optimizer);
    this.scheduler = this.buildScheduler(this.config.scheduler);
    this.status = 'idle';
    this.step = 0;
    this.stopAt = 0;
    this.initialLoss = undefined;
    this.lastLoss = this.lastValLoss = this.lastValAccuracy = NaN;
    this.diverged = undefined;
    this.error = undefined;
    this.errorField = undefined;
    this.restartAverage();
  }

  state(stepsPerEpoch: number): RunState {
    const state: RunState = {
      id: this.config.id,
      label: this.config.label,
      status: this.status,
      config: this.config,
      step: this.step,
      epoch: this.step / stepsPerEpoch,
      lr: this.lr,
      loss: this.lastLoss,
      valLoss: this.lastValLoss,
      valAccuracy: this.lastValAccuracy,
    };
    const momentum = this.momentum;
    if (momentum !== undefined) state.momentum = momentum;
    if (this.diverged) state.diverged = { ...this.diverged };
    if (this.error !== undefined) state.error = this.error;
    if (this.errorField !== undefined) state.errorField = this.errorField;
    if (this.config.swa) state.swa = this.swaState();
    return state;
  }

  swaState(): SwaState {
    return { averaged: this.swaAveraged, ...this.lastSwa };
  }

  dispose(): void {
    this.removed = true;
    this.optimizer.dispose();
  }

  private onlyLrDiffers(previous: RunConfig, next: RunConfig): boolean {
    const withoutLr = (config: RunConfig['optimizer']) =>
      JSON.stringify({ ...config, lr: undefined });
    return (
      previous.optimizer.type === next.optimizer.type &&
      'lr' in next.optimizer &&
      withoutLr(previous.optimizer) === withoutLr(next.optimizer)
    );
  }

  private buildScheduler(
    config: SchedulerConfig,
    optimizer: TorchOptimizer = this.optimizer,
  ): LiveScheduler | null {
    return config.type === 'None' ? null : createScheduler(config, optimizer, 'scheduler');
  }
}
