/**
 * Runs an experiment for an element, so the element only shows it: the training worker
 * (through TrainerController), one queue of worker calls (fast clicks cannot interleave
 * them), the experiment the worker holds, the training horizon, the run tracker (each run's
 * latest numbers), and the dropping of stale results.
 *
 * Stale results, one rule: `epoch` counts the times progress started over (a new
 * experiment, a reset, a new worker). Whatever was asked for in an older epoch is dropped
 * when it arrives: progress batches by the worker generation the epoch began with, every
 * other answer (the dataset, predictions, a ranking) by its @lit/task having the epoch among
 * its arguments, so a new epoch supersedes the run in flight.
 *
 * The element says what it wants (`load`, `addRun`, `start`, ...), renders from the public
 * fields, and hears what happened through `ExperimentListener`, where it fires its events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BackendChoice, BackendInfo, RunUpdate } from '../../src/protocol/api';
import { experimentHorizon, stepsPerEpoch, totalSteps } from '../../src/protocol/experiment';
import type { ExperimentConfigInput, Horizon, RunConfigInput } from '../../src/protocol/experiment';
import type { ProgressBatch } from '../../src/protocol/progress';
import { ConfigError } from '../../src/protocol/validation';
import type { TrainerClient } from '../../workers/client';
import { RunTracker, divergenceMessage, runFailureMessage } from '../optim-lab/run-tracker';
import type { RunSnapshot } from '../optim-lab/run-tracker';
import { TrainerController } from './trainer-controller';
import type { TrainerControllerOptions } from './trainer-controller';

export type ExperimentState = 'idle' | 'training' | 'paused' | 'done' | 'error';

/** Why a call failed: the worker refused a config, a call failed, or the worker died. */
export type FailureKind = 'refused' | 'failed' | 'crashed';

export interface ExperimentListener {
  /** The runs that advanced in one progress batch, in run order. */
  onProgress?(runs: readonly RunSnapshot[]): void;
  /** Every run finished or diverged. */
  onEnd?(runs: readonly RunSnapshot[]): void;
  /**
   * Something failed; returns the sentence to show (the element knows which attribute a
   * refused field came from). A refused config arrives as a ConfigError.
   */
  onError?(error: Error, kind: FailureKind): string;
  /**
   * A run stopped with an error as it trained (an lrLambda failing at some epoch); returns the
   * sentence to show, by default `Run 2 (label) stopped: <error>`.
   */
  onRunError?(run: RunSnapshot): string;
  /** The progress gathered since the last refresh (at most every `refreshMs`): draw it. */
  onRefresh?(batches: readonly ProgressBatch[]): void;
  /** Progress starts over: clear what was drawn. */
  onClear?(): void;
}

export interface ExperimentControllerOptions {
  /**
   * How often, at most, the screen is refreshed while training (default 250 ms): four times
   * a second reads as live, and each plot redraw costs a frame of paint whatever it adds,
   * so fewer, fuller redraws keep the main thread free. Listeners still hear every batch.
   */
  refreshMs?: number;
  /** Passed to TrainerController: the progress rate, a client factory for special embeds. */
  trainer?: Pick<TrainerControllerOptions, 'maxRate' | 'createClient'>;
}

const DEFAULT_REFRESH_MS = 250;

export class ExperimentController implements ReactiveController {
  readonly tracker = new RunTracker();
  state: ExperimentState = 'idle';
  /** The last thing that happened, in words, for a live region. */
  announcement = '';
  /** Divergences and failed runs since progress last started over. */
  alerts: readonly string[] = [];
  /** Why the last call failed, in the listener's words; cleared by the next attempt. */
  problem: string | undefined;
  /** Steps per epoch and in all: from the experiment, then from the worker once it trains. */
  horizon: Horizon = { stepsPerEpoch: 1, totalSteps: 1 };

  private readonly trainer: TrainerController;
  private current: ExperimentConfigInput = { runs: [] };
  private epochCount = 0;
  private configuredIn: number | undefined;
  private endedIn: number | undefined;
  /** True while the worker holds exactly `experiment`. */
  private configured = false;
  private failedBy: FailureKind | undefined;
  private minGeneration = 0;
  private lastGeneration = -1;
  private pending: ProgressBatch[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly refreshMs: number;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly listener: ExperimentListener,
    options: ExperimentControllerOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? DEFAULT_REFRESH_MS;
    this.trainer = new TrainerController(host, {
      ...options.trainer,
      onProgress: (batch) => this.receive(batch),
      onError: (error) => this.crashed(error),
      onWorkerStart: () => {
        this.configured = false;
        this.lastGeneration = -1;
        this.minGeneration = 0;
      },
    });
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    // The trainer terminates the worker once the element is really gone (not just moved).
    queueMicrotask(() => {
      if (this.host.isConnected) return;
      this.configured = false;
      this.state = 'idle';
      this.clearProgress();
    });
  }

  // ---- what the element reads --------------------------------------------------------------

  /** Bumped each time progress starts over; see the file comment. */
  get epoch(): number {
    return this.epochCount;
  }

  /** The epoch in which the worker received this experiment; undefined until it has. */
  get configuredEpoch(): number | undefined {
    return this.configured ? this.configuredIn : undefined;
  }

  /** The epoch in which training ran to its end; undefined while it has not. */
  get endedEpoch(): number | undefined {
    return this.endedIn === this.epochCount ? this.endedIn : undefined;
  }

  /** The experiment as the element described it (before defaults). */
  get experiment(): ExperimentConfigInput {
    return this.current;
  }

  get backendInfo(): BackendInfo | undefined {
    return this.trainer.backendInfo;
  }

  get connection(): TrainerController['connection'] {
    return this.trainer.connection;
  }

  /** True while a worker exists. */
  get active(): boolean {
    return this.trainer.active;
  }

  /** The backend the next worker asks for; a different one replaces a running worker. */
  set backend(choice: BackendChoice) {
    this.trainer.setBackendChoice(choice);
  }

  // ---- what the experiment is ----------------------------------------------------------

  /** A new experiment: the worker's current one is paused and forgotten. */
  load(experiment: ExperimentConfigInput): void {
    this.current = experiment;
    this.clearProblem();
    this.horizon = experimentHorizon(experiment);
    this.invalidate();
  }

  /** Adds a run; one training now joins at step 0. */
  addRun(run: RunConfigInput): void {
    this.setRuns([...this.current.runs, run]);
    this.live((client) => client.addRun(run));
  }

  removeRun(id: string): void {
    this.setRuns(this.current.runs.filter((run) => run.id !== id));
    this.live((client) => client.removeRun(id));
  }

  /**
   * Replaces a run; a training run takes the new optimizer or scheduler from its next step,
   * and new SWA settings start its average afresh.
   */
  updateRun(
    run: RunConfigInput & { id: string },
    changed: { optimizer?: boolean; scheduler?: boolean; swa?: boolean },
  ): void {
    this.setRuns(this.current.runs.map((r) => (r.id === run.id ? run : r)));
    const update: RunUpdate = { label: run.label };
    if (changed.optimizer) update.optimizer = run.optimizer;
    if (changed.scheduler && run.scheduler) update.scheduler = run.scheduler;
    if (changed.swa) update.swa = run.swa ?? null;
    this.live((client) => client.updateRun(run.id, update));
  }

  // ---- control ---------------------------------------------------------------------------

  /** Starts training (configuring the worker first), or resumes after a pause. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      const client = await this.readyToTrain();
      if (!client) return;
      await client.start();
      this.setState('training', 'Training started.');
    });
  }

  /** Pauses after the step in flight. */
  pause(): Promise<void> {
    return this.enqueue(async () => {
      if (this.state !== 'training' || !this.trainer.active) return;
      await this.trainer.ifActive((client) => client.pause());
      this.setState('paused', 'Paused.');
    });
  }

  /** Takes `n` optimizer steps on every run, then pauses. */
  step(n = 1): Promise<void> {
    return this.enqueue(async () => {
      const client = await this.readyToTrain();
      if (!client) return;
      await client.step(n);
      this.setState('paused', `Took ${n} step${n === 1 ? '' : 's'}.`);
    });
  }

  /** Back to step 0 with the same initial weights. */
  reset(): Promise<void> {
    return this.enqueue(async () => {
      this.clearProblem();
      if (this.configured && this.trainer.active) await this.resetWorker();
      else this.clearProgress();
      this.setState('idle', 'Reset to step 0.');
    });
  }

  /**
   * The client, once the worker holds this experiment and is not training (pausing it if
   * it was): for tools such as the LR range test. Undefined if the config was refused.
   * Runs in the queue, after any call in flight; `use` runs there too.
   */
  whenPaused<T>(use: (client: TrainerClient) => Promise<T>): Promise<T | undefined> {
    return this.enqueue(async () => {
      if (this.state === 'training' && this.trainer.active) {
        await this.trainer.ifActive((client) => client.pause());
        this.setState('paused', 'Paused for the LR range test.');
      }
      const client = await this.ensureConfigured();
      return client ? use(client) : undefined;
    }, false);
  }

  /** Runs `use` on the worker only if one is up (never starts one), in the queue. */
  ifActive<T>(use: (client: TrainerClient) => Promise<T>): Promise<T | undefined> {
    return this.trainer.ifActive(use);
  }

  /**
   * Queues `action` after every call before it. A failure is reported (state 'error', the
   * listener's message) and the returned promise resolves; with `report` false it rejects
   * instead, for callers that show the failure themselves.
   */
  enqueue<T>(action: () => Promise<T>, report = true): Promise<T | undefined> {
    const run = this.queue.then(action);
    this.queue = run.catch(() => {});
    return report ? run.catch((error: unknown) => this.failed(error)) : run;
  }

  // ---- the worker side -----------------------------------------------------------------

  private setRuns(runs: RunConfigInput[]): void {
    this.current = { ...this.current, runs };
    this.tracker.setRuns(runSpecs(runs));
  }

  /** A change the running experiment takes as it is (when the worker holds it). */
  private live(call: (client: TrainerClient) => Promise<unknown>): void {
    if (!this.configured || !this.trainer.active) return;
    void this.enqueue(async () => {
      await this.trainer.ifActive(call);
    });
  }

  /** The client, configured and back at step 0 if training had ended; none while training. */
  private async readyToTrain(): Promise<TrainerClient | undefined> {
    if (this.state === 'training') return undefined;
    this.clearProblem();
    if (this.state === 'done') await this.resetWorker();
    return this.ensureConfigured();
  }

  private async ensureConfigured(): Promise<TrainerClient | undefined> {
    const client = await this.trainer.connect();
    if (this.configured) return client;
    let config;
    try {
      config = await client.configure(this.current);
    } catch (error) {
      this.fail(error, 'refused');
      return undefined;
    }
    this.configured = true;
    this.clearProgress();
    this.configuredIn = this.epochCount;
    this.horizon = { stepsPerEpoch: stepsPerEpoch(config), totalSteps: totalSteps(config) };
    return client;
  }

  private async resetWorker(): Promise<void> {
    await this.trainer.use((client) => client.reset());
    this.clearProgress();
    this.configuredIn = this.epochCount;
  }

  /** Forgets the worker's experiment; the next start configures it anew. */
  private invalidate(): void {
    const wasActive = this.configured && this.trainer.active;
    this.configured = false;
    this.clearProgress();
    if (this.state !== 'error') this.state = 'idle';
    if (wasActive) void this.enqueue(() => this.trainer.ifActive((client) => client.pause()));
  }

  /** Progress starts over: a new epoch, nothing pending, every run back at step 0. */
  private clearProgress(): void {
    this.epochCount += 1;
    this.minGeneration = this.lastGeneration + 1;
    this.pending = [];
    this.alerts = [];
    this.tracker.reset(runSpecs(this.current.runs));
    this.listener.onClear?.();
    this.host.requestUpdate();
  }

  private receive(batch: ProgressBatch): void {
    // From before the last clear: an older epoch's.
    if (!this.configured || batch.generation < this.minGeneration) return;
    if (batch.generation !== this.lastGeneration) {
      // The worker started over by itself (a reset it was asked for): so does the screen.
      this.lastGeneration = batch.generation;
      this.pending = [];
      this.listener.onClear?.();
    }
    this.horizon = { stepsPerEpoch: batch.stepsPerEpoch, totalSteps: batch.totalSteps };
    this.pending.push(batch);
    const news = this.tracker.ingest(batch);
    if (news.advanced.length > 0) this.listener.onProgress?.(news.advanced);
    const alerts = [
      ...news.diverged.map(divergenceMessage),
      ...news.failed.map((run) => this.listener.onRunError?.(run) ?? runFailureMessage(run)),
    ];
    if (alerts.length > 0) this.alerts = [...this.alerts, ...alerts];
    if (batch.status === 'done' && this.endedIn !== this.epochCount) {
      this.endedIn = this.epochCount;
      this.flush();
      this.setState('done', 'Training finished.');
      this.listener.onEnd?.(this.tracker.snapshots());
    }
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.flush();
      this.host.requestUpdate();
    }, this.refreshMs);
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = [];
    if (batches.length > 0) this.listener.onRefresh?.(batches);
  }

  private crashed(error: Error): void {
    this.configured = false;
    this.fail(error, 'crashed');
  }

  private failed(error: unknown): undefined {
    // A crash was already reported, and every call pending then fails with the same words.
    if (this.failedBy === 'crashed' && this.state === 'error') return undefined;
    this.fail(error, error instanceof ConfigError ? 'refused' : 'failed');
    return undefined;
  }

  private clearProblem(): void {
    this.problem = undefined;
    this.failedBy = undefined;
  }

  private fail(error: unknown, kind: FailureKind): void {
    const reason = error instanceof Error ? error : new Error(String(error));
    this.failedBy = kind;
    this.problem = this.listener.onError?.(reason, kind) ?? reason.message;
    this.setState('error', this.problem);
  }

  private setState(next: ExperimentState, announcement: string): void {
    this.state = next;
    this.announcement = announcement;
    this.host.requestUpdate();
  }
}

function runSpecs(runs: readonly RunConfigInput[]): { id: string; label: string }[] {
  return runs.map((run, index) => ({ id: run.id ?? `run-${index}`, label: run.label ?? '' }));
}
