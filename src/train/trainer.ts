/**
 * Trainer: the multi-run experiment engine behind TrainerApi (everything but `init`, which
 * the worker entry owns). All runs share the dataset, initial weights and batch order.
 *
 * The loop is cooperative: it takes a chunk of steps sized to about `chunkTargetMs` of wall
 * time, reads that chunk's metrics in one asynchronous transfer, then yields a macrotask so
 * control calls (pause, step, config changes) are served between chunks. Control calls are
 * serialized on one queue, so they apply in the order they arrived.
 */
import * as tf from '@tensorflow/tfjs';
import { gpuMemory, tensorMemory } from '../backend/memory';
import { createEngine } from '../fused';
import {
  ConfigError,
  MAX_RUNS,
  parseExperimentConfig,
  parseRunConfig,
} from '../protocol/experiment';
import type { ExperimentConfig, RunConfig } from '../protocol/experiment';
import type { ExperimentStatus } from '../protocol/progress';
import type {
  BackendName,
  DatasetView,
  GridOptions,
  GridPrediction,
  LrFinderResult,
  SubscribeOptions,
  TrainerApi,
  TrainerState,
} from '../protocol/api';
import type { Diagnostics } from '../protocol/diagnostics';
import type {
  EngineChoice,
  EngineInfo,
  RunOutcome,
  RunSteps,
  StepHyperparameters,
  TrainingEngine,
} from './engine';
import type { ProgressBatcher } from './progress-batcher';
import { TrainingRun } from './run';
import { Session } from './session';
import { Subscriptions } from './subscriptions';
import type { ProgressCallback } from './subscriptions';
import { checkGridSize, gridInputs } from './grid';
import { runLrRangeTest } from './lr-finder';
import { parseLrFinderOptions } from './lr-finder-options';
import { StepRate } from './step-rate';
import { createDefaultYield } from './yield';
import type { YieldToEventLoop } from './yield';
import { isPlainObject } from '../schedule/values';
import { joinPath } from '../protocol/validation';

export interface TrainerOptions {
  /** Resolves after a macrotask; injectable so tests can observe or control yielding. */
  yieldToEventLoop?: YieldToEventLoop;
  /** Wall time one chunk of steps aims for (default 16 ms), bounding control latency. */
  chunkTargetMs?: number;
  /** Clock in ms (default performance.now). */
  now?: () => number;
  /**
   * 'fused' (default): the fused engine of the current TF.js backend (WGSL kernels on webgpu,
   * the Float32Array loop on wasm/cpu), falling back to 'ops' where it cannot run a config;
   * 'ops': op-by-op TF.js, the reference.
   */
  engine?: EngineChoice;
}

const MAX_CHUNK_STEPS = 1024;

/** One run's part of a chunk, with what came back for it. */
interface ChunkEntry extends RunSteps {
  run: TrainingRun;
  outcome?: RunOutcome;
}

const RUN_UPDATE_FIELDS = ['optimizer', 'scheduler', 'schedulerStepOn', 'label', 'swa'] as const;
const GRID_WEIGHTS = ['run', 'swa'] as const;

/** What a configured experiment is made of; `build` makes one, `install` puts it in place. */
interface Experiment {
  session: Session;
  engine: TrainingEngine;
  runs: TrainingRun[];
}

/**
 * Runs `make` for the run at `path` (`runs[1]`): a ConfigError it throws (about a field of the
 * run's config, relative to it) is named under that path; anything else passes through as is.
 */
function inRun<T>(path: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(joinPath(path, error.path), error.detail);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Trainer implements Omit<TrainerApi, 'init'> {
  private session: Session | null = null;
  private engine: TrainingEngine | null = null;
  /** The configure() input, kept so reset({ seed }) can re-derive the seeds it did not fix. */
  private input: Record<string, unknown> | null = null;
  private runs: TrainingRun[] = [];
  private generation = 0;
  private loop: Promise<void> = Promise.resolve();
  private loopRunning = false;
  private stopRequested = false;
  private mode: 'start' | 'step' = 'start';
  private chunkSteps = 1;
  private control: Promise<unknown> = Promise.resolve();
  private readonly subscriptions: Subscriptions;
  private readonly yieldToEventLoop: YieldToEventLoop;
  private readonly chunkTargetMs: number;
  private readonly now: () => number;
  private readonly engineChoice: EngineChoice;
  private readonly rate: StepRate;

  constructor(options: TrainerOptions = {}) {
    this.yieldToEventLoop = options.yieldToEventLoop ?? createDefaultYield();
    this.chunkTargetMs = options.chunkTargetMs ?? 16;
    this.now = options.now ?? (() => performance.now());
    this.engineChoice = options.engine ?? 'fused';
    this.subscriptions = new Subscriptions(this.now);
    this.rate = new StepRate(this.now);
  }

  configure(input: unknown): Promise<ExperimentConfig> {
    return this.serialize(async () => {
      // Validate and build first: a config that fails either way leaves the current
      // experiment as it was, still training if it was.
      const config = parseExperimentConfig(input);
      const built = this.build(config);
      await this.stopLoop();
      this.install(built);
      this.input = structuredClone(input) as Record<string, unknown>;
      return this.currentConfig();
    });
  }

  start(): Promise<void> {
    return this.serialize(() => {
      const session = this.requireSession();
      this.mode = 'start';
      for (const run of this.runs) {
        if (run.isLive && run.step < session.totalSteps) {
          run.status = 'training';
          run.stopAt = session.totalSteps;
        }
      }
      this.ensureLoop();
      this.publishStatus();
    });
  }

  resume(): Promise<void> {
    return this.start();
  }

  pause(): Promise<void> {
    return this.serialize(() => this.stopLoop());
  }

  async step(n = 1): Promise<void> {
    if (!Number.isInteger(n) || n < 1)
      throw new ConfigError('n', `must be an integer >= 1, got ${String(n)}`);
    await this.serialize(() => {
      const session = this.requireSession();
      this.mode = 'step';
      for (const run of this.runs) {
        if (run.isLive && run.step < session.totalSteps) {
          run.status = 'training';
          run.stopAt = Math.min(session.totalSteps, run.step + n);
        }
      }
      this.ensureLoop();
      this.publishStatus();
    });
    await this.waitForStop();
  }

  waitForStop(): Promise<void> {
    return this.loopRunning ? this.loop : Promise.resolve();
  }

  reset(options: { seed?: number } = {}): Promise<void> {
    return this.serialize(async () => {
      const session = this.requireSession();
      if (!isPlainObject(options))
        throw new ConfigError('options', 'must be an object like { seed: 2 }');
      let config = this.currentConfig();
      if (options.seed !== undefined) {
        // Re-derive every seed the original input left to the top-level seed.
        config = parseExperimentConfig({ ...this.input, seed: options.seed, runs: config.runs });
      }
      await this.stopLoop();
      const withoutRuns = (c: ExperimentConfig) => JSON.stringify({ ...c, runs: [] });
      if (withoutRuns(config) === withoutRuns(session.config)) {
        // Same dataset, weights and batch order: keep the tensors, put every run back to step 0.
        for (const run of this.runs) {
          run.restart();
          this.requireEngine().restart(run, session.initialWeights);
        }
        this.generation++;
        this.chunkSteps = 1;
        this.beginBatchers();
      } else {
        this.install(this.build(config));
        this.input = { ...this.input, seed: options.seed };
      }
      this.publishStatus();
    });
  }

  addRun(input: unknown): Promise<string> {
    return this.serialize(() => {
      const session = this.requireSession();
      if (this.runs.length >= MAX_RUNS)
        throw new ConfigError('run', `at most ${MAX_RUNS} runs per experiment`);
      const hasId = isPlainObject(input) && input.id !== undefined;
      const config = parseRunConfig(input, this.runs.length, 'run');
      if (!hasId) config.id = this.unusedRunId();
      if (this.runs.some((run) => run.config.id === config.id)) {
        throw new ConfigError('run.id', `duplicate id "${config.id}"`);
      }
      const run = inRun('run', () => new TrainingRun(config));
      try {
        this.requireEngine().attach(run, session.initialWeights);
      } catch (error) {
        run.dispose();
        throw error;
      }
      if (this.loopRunning && this.mode === 'start') {
        run.status = 'training';
        run.stopAt = session.totalSteps;
      }
      this.runs.push(run);
      this.subscriptions.each((batcher) => batcher.addRun(config.id, run.status));
      this.publishStatus();
      return config.id;
    });
  }

  removeRun(runId: string): Promise<void> {
    return this.serialize(() => {
      const run = this.requireRun(runId);
      this.runs = this.runs.filter((other) => other !== run);
      this.engine?.detach(run);
      run.dispose();
      this.subscriptions.each((batcher) => batcher.removeRun(runId));
      this.publishStatus();
    });
  }

  updateRun(runId: string, update: unknown): Promise<RunConfig> {
    return this.serialize(() => {
      const run = this.requireRun(runId);
      if (!isPlainObject(update))
        throw new ConfigError(
          'update',
          `must be an object with some of ${RUN_UPDATE_FIELDS.join(', ')}`,
        );
      for (const key of Object.keys(update)) {
        if (!(RUN_UPDATE_FIELDS as readonly string[]).includes(key)) {
          throw new ConfigError(
            `update.${key}`,
            `unknown field; allowed: ${RUN_UPDATE_FIELDS.join(', ')}`,
          );
        }
      }
      const changes = Object.fromEntries(
        Object.entries(update).filter(([, value]) => value !== undefined),
      );
      const next = parseRunConfig({ ...run.config, ...changes }, this.runs.indexOf(run), 'update');
      if (run.reconfigure(next)) this.requireEngine().resetOptimizer(run);
      return next;
    });
  }

  subscribe(onProgress: ProgressCallback, options?: SubscribeOptions): Promise<number> {
    return Promise.resolve().then(() =>
      this.subscriptions.add(onProgress, options, (batcher) => this.prime(batcher)),
    );
  }

  async unsubscribe(subscriptionId: number): Promise<void> {
    this.subscriptions.remove(subscriptionId);
  }

  async getState(): Promise<TrainerState> {
    const session = this.session;
    return {
      status: this.experimentStatus(),
      config: session ? this.currentConfig() : null,
      generation: this.generation,
      totalSteps: session?.totalSteps ?? 0,
      stepsPerEpoch: session?.stepsPerEpoch ?? 0,
      runs: this.runs.map((run) => run.state(session?.stepsPerEpoch ?? 1)),
      engine: this.engine ? { ...this.engine.info } : null,
    };
  }

  async predictGrid(runId: string, n: number, options?: GridOptions): Promise<GridPrediction> {
    const { dataset } = this.requireSession();
    const run = this.requireRun(runId);
    checkGridSize(n);
    const weights = this.gridWeights(run, options);
    const values = await this.requireEngine().predict(run, gridInputs(dataset, n), weights);
    return { n, xRange: [...dataset.xRange], yRange: [...dataset.yRange], values };
  }

  /** predictGrid's `weights`: 'run', or 'swa' for a run whose average holds a model. */
  private gridWeights(run: TrainingRun, options: unknown): 'run' | 'swa' {
    if (options === undefined) return 'run';
    if (!isPlainObject(options))
      throw new ConfigError('options', "must be an object like { weights: 'swa' }");
    const weights = options.weights ?? 'run';
    if (!(GRID_WEIGHTS as readonly unknown[]).includes(weights)) {
      throw new ConfigError(
        'options.weights',
        `must be 'run' or 'swa', got ${JSON.stringify(weights)}`,
      );
    }
    if (weights === 'swa') {
      const swa = run.config.swa;
      if (!swa)
        throw new ConfigError('options.weights', `run "${run.config.id}" has no swa option`);
      if (run.swaAveraged === 0) {
        throw new ConfigError(
          'options.weights',
          `run "${run.config.id}" has no SWA average yet: it begins at the end of epoch ${swa.start + 1}`,
        );
      }
    }
    return weights as 'run' | 'swa';
  }

  /** What this worker holds and does now (see TrainerApi.getDiagnostics); not queued. */
  async getDiagnostics(): Promise<Diagnostics> {
    const session = this.session;
    return {
      backend: tf.getBackend() as BackendName,
      engine: this.engine ? { ...this.engine.info } : null,
      status: this.experimentStatus(),
      generation: this.generation,
      step: this.runs.reduce((furthest, run) => Math.max(furthest, run.step), 0),
      totalSteps: session?.totalSteps ?? 0,
      runs: this.runs.length,
      stepsPerSecond: this.loopRunning ? this.rate.perSecond : null,
      tf: tensorMemory(),
      gpu: gpuMemory(),
    };
  }

  /** Which engine trains the current experiment (null before configure), and why. */
  get engineInfo(): EngineInfo | null {
    return this.engine?.info ?? null;
  }

  async getDataset(): Promise<DatasetView> {
    const { dataset } = this.requireSession();
    const copy = (split: DatasetView['train']) => ({ x: split.x.slice(), y: split.y.slice() });
    return {
      ...dataset,
      train: copy(dataset.train),
      validation: copy(dataset.validation),
      xRange: [...dataset.xRange],
      yRange: [...dataset.yRange],
    };
  }

  /**
   * LR range test on a throwaway copy of the model (see lr-finder.ts). Refused while the loop
   * runs rather than pausing around it: the page asked for training, and silently stopping it
   * would surprise; pause() first. Queued like every control call, so a start() sent meanwhile
   * waits until the test is done and the runs continue exactly where they were.
   */
  findLr(input?: unknown): Promise<LrFinderResult> {
    return this.serialize(() => {
      const options = parseLrFinderOptions(input);
      const session = this.requireSession();
      if (this.loopRunning) {
        throw new Error('findLr: training is running; pause() first, then call findLr again');
      }
      const optimizer = options.optimizer ?? this.runs[0]?.config.optimizer;
      if (!optimizer) {
        throw new ConfigError('findLr.optimizer', 'is required when the experiment has no runs');
      }
      return runLrRangeTest(session, this.requireEngine(), optimizer, options, {
        yieldToEventLoop: this.yieldToEventLoop,
      });
    });
  }

  /** Stops training and frees every tensor; the trainer can be configured again afterwards. */
  dispose(): Promise<void> {
    return this.serialize(async () => {
      await this.stopLoop();
      this.disposeExperiment();
      this.subscriptions.clear();
    });
  }

  // --- experiment lifecycle -------------------------------------------------------------

  /**
   * Everything a config needs, made without touching the current experiment: the session,
   * the engine and every run (optimizers, schedulers at step 0). If any part fails, what was
   * made is freed and the error names the run's field (`runs[1].scheduler...`).
   */
  private build(config: ExperimentConfig): Experiment {
    const session = new Session(config);
    const engine = createEngine(session, this.engineChoice);
    const runs: TrainingRun[] = [];
    try {
      config.runs.forEach((runConfig, index) => {
        const run = inRun(`runs[${index}]`, () => new TrainingRun(runConfig));
        runs.push(run);
        engine.attach(run, session.initialWeights);
      });
    } catch (error) {
      for (const run of runs) run.dispose();
      engine.dispose();
      throw error;
    }
    return { session, engine, runs };
  }

  /** Replaces the current experiment by one `build` made (which cannot fail now). */
  private install({ session, engine, runs }: Experiment): void {
    this.disposeExperiment();
    this.session = session;
    this.engine = engine;
    this.runs = runs;
    this.generation++;
    this.chunkSteps = 1;
    this.beginBatchers();
    this.publishStatus();
  }

  private disposeExperiment(): void {
    for (const run of this.runs) run.dispose();
    this.runs = [];
    this.engine?.dispose();
    this.engine = null;
    this.session = null;
  }

  private currentConfig(): ExperimentConfig {
    const session = this.requireSession();
    return { ...session.config, runs: this.runs.map((run) => run.config) };
  }

  private unusedRunId(): string {
    const ids = new Set(this.runs.map((run) => run.config.id));
    let n = this.runs.length;
    while (ids.has(`run-${n}`)) n++;
    return `run-${n}`;
  }

  private requireSession(): Session {
    if (!this.session) throw new Error('no experiment: call configure() first');
    return this.session;
  }

  private requireEngine(): TrainingEngine {
    if (!this.engine) throw new Error('no experiment: call configure() first');
    return this.engine;
  }

  private requireRun(runId: string): TrainingRun {
    const run = this.runs.find((candidate) => candidate.config.id === runId);
    if (!run) {
      const known = this.runs.map((candidate) => `"${candidate.config.id}"`).join(', ') || 'none';
      throw new ConfigError('runId', `no run "${String(runId)}" (runs: ${known})`);
    }
    return run;
  }

  private serialize<T>(operation: () => T | Promise<T>): Promise<T> {
    const result = this.control.then(operation);
    this.control = result.catch(() => undefined);
    return result;
  }

  // --- the loop -------------------------------------------------------------------------

  private ensureLoop(): void {
    if (this.loopRunning) return;
    this.loopRunning = true;
    this.loop = this.runLoop();
  }

  private async stopLoop(): Promise<void> {
    if (!this.loopRunning) return;
    this.stopRequested = true;
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    this.rate.start();
    try {
      while (!this.stopRequested && this.runs.some((run) => run.isActive)) {
        this.rate.record(await this.runChunk());
        await this.yieldToEventLoop();
      }
    } catch (error) {
      // Per-run failures are caught in runChunk; this is the engine itself failing.
      for (const run of this.runs) {
        if (run.status === 'training') {
          run.status = 'error';
          run.error = errorMessage(error);
        }
      }
    }
    // From the last check above to here runs without awaiting, so no start() can slip
    // in between seeing the loop as running and the loop ending.
    this.loopRunning = false;
    this.stopRequested = false;
    this.rate.stop();
    const total = this.session?.totalSteps ?? 0;
    for (const run of this.runs) {
      if (run.status === 'training') run.status = run.step >= total ? 'done' : 'paused';
    }
    this.publishStatus();
  }

  /** Takes one chunk of steps on every active run; resolves with how many (0: none ran). */
  private async runChunk(): Promise<number> {
    const session = this.requireSession();
    const engine = this.requireEngine();
    const started = this.now();
    const active = this.runs.filter((run) => run.isActive);
    if (active.length === 0) return 0;
    // Every active run takes the same number of steps. An evaluation ends the chunk
    // (ReduceLROnPlateau needs its result before the next step), as does a run's stopAt.
    // An SWA update (at an epoch's end) ends it too: the engine folds the weights in after it.
    let steps = this.chunkSteps;
    for (const run of active) {
      steps = Math.min(
        steps,
        run.stopAt - run.step,
        session.stepsToEval(run.step),
        run.stepsToNextAverage(session.stepsPerEpoch),
      );
    }
    const entries: ChunkEntry[] = [];
    // Runs whose scheduler failed part way: they take the steps before the failure (as torch
    // would, raising in the scheduler.step() after them), alone, then stop.
    const failures: { entry: ChunkEntry; error: unknown }[] = [];
    for (const run of active) {
      const { hyper, error } = run.scheduleAhead(steps, session.stepsPerEpoch);
      const entry = this.chunkEntry(session, run, hyper);
      if (error === undefined) entries.push(entry);
      else failures.push({ entry, error });
    }
    if (entries.length > 0) {
      const outcomes = await engine.train(steps, entries);
      entries.forEach((entry, i) => (entry.outcome = outcomes[i]));
    }
    for (const { entry } of failures) {
      if (entry.hyper.length > 0) [entry.outcome] = await engine.train(entry.hyper.length, [entry]);
    }
    for (const entry of entries) this.record(session, entry, steps);
    for (const { entry, error } of failures) {
      if (entry.outcome) this.record(session, entry, entry.hyper.length);
      if (entry.run.isLive) this.failOnSchedule(entry.run, error);
    }
    for (const run of this.runs) {
      if (run.status === 'training' && run.step >= run.stopAt) {
        run.status = run.step >= session.totalSteps ? 'done' : 'paused';
      }
    }
    this.adaptChunk(this.now() - started, steps);
    this.publishStatus();
    return entries.length > 0 ? steps : 0;
  }

  /** One run's part of a chunk of `hyper.length` steps: where it evaluates and averages. */
  private chunkEntry(session: Session, run: TrainingRun, hyper: StepHyperparameters[]): ChunkEntry {
    const last = run.step + hyper.length;
    const evaluate = session.isEvalStep(last);
    const entry: ChunkEntry = { run, firstStep: run.step, hyper, evaluate };
    if (run.averagesAfter(last, session.stepsPerEpoch)) entry.updateAverage = run.swaAveraged;
    entry.evaluateAverage = evaluate && (run.swaAveraged > 0 || entry.updateAverage !== undefined);
    return entry;
  }

  /** Takes in one run's chunk: its steps, divergence, its evaluation and plateau scheduler. */
  private record(session: Session, entry: ChunkEntry, steps: number): void {
    const { run, outcome, hyper, firstStep } = entry;
    if (run.removed || run.status === 'error' || !outcome) return;
    run.step = firstStep + steps;
    if (outcome.error !== undefined) {
      run.status = 'error';
      run.error = outcome.error;
      return;
    }
    // The engine's average took the weights in: count it, whatever the steps did.
    if (entry.updateAverage !== undefined) run.swaAveraged = entry.updateAverage + 1;
    const recordsMomentum = run.recordsMomentum;
    for (let k = 0; k < steps && !run.diverged; k++) {
      const step = firstStep + k + 1;
      const loss = outcome.loss[k];
      const { lr } = hyper[k];
      const point = {
        step,
        epoch: step / session.stepsPerEpoch,
        loss,
        lr,
        momentum: recordsMomentum ? hyper[k].momentum : undefined,
        gradNorm: outcome.gradNorm[k],
      };
      if (step === 1) run.initialLoss = loss;
      this.subscriptions.each((batcher) => batcher.addStep(run.config.id, point));
      run.lastLoss = loss;
      if (run.isDivergentLoss(loss)) {
        // Steps computed past this one are discarded; the run stays where it broke.
        const diverged = { step, lr, loss };
        run.diverged = diverged;
        run.status = 'diverged';
        run.step = step;
        this.subscriptions.each((batcher) =>
          batcher.setRunStatus(run.config.id, 'diverged', { diverged }),
        );
      }
    }
    const evalStep = firstStep + steps;
    // A run that diverged at the evaluated step still reports that evaluation.
    if (!outcome.evaluation || (run.diverged && run.diverged.step < evalStep)) return;
    const [valLoss, valAccuracy, trainLoss, trainAccuracy] = outcome.evaluation;
    run.lastValLoss = valLoss;
    run.lastValAccuracy = valAccuracy;
    const point = { step: evalStep, valLoss, valAccuracy, trainLoss, trainAccuracy };
    this.subscriptions.each((batcher) => batcher.addEval(run.config.id, point));
    if (outcome.averageEvaluation) this.recordSwa(run, evalStep, outcome.averageEvaluation);
    if (
      run.usesPlateau &&
      run.scheduler &&
      !run.diverged &&
      run.ownSchedulerActs(evalStep, session.stepsPerEpoch)
    ) {
      // Without a validation split, the plateau watches the full training loss instead.
      run.scheduler.step(session.dataset.validation.y.length > 0 ? valLoss : trainLoss);
    }
  }

  /** The SWA average's evaluation at `step`. */
  private recordSwa(run: TrainingRun, step: number, evaluation: Float32Array): void {
    const [valLoss, valAccuracy, trainLoss, trainAccuracy] = evaluation;
    run.lastSwa = { valLoss, valAccuracy, trainLoss };
    const point = { step, valLoss, valAccuracy, trainLoss, trainAccuracy };
    this.subscriptions.each((batcher) => batcher.addSwaEval(run.config.id, point));
  }

  /** Sizes the next chunk so it takes about chunkTargetMs, growing at most 2x per chunk. */
  private adaptChunk(elapsedMs: number, stepsTaken: number): void {
    if (stepsTaken === 0) return;
    const perStep = Math.max(elapsedMs, 0.01) / stepsTaken;
    const fitting = Math.floor(this.chunkTargetMs / perStep);
    this.chunkSteps = Math.max(1, Math.min(fitting, 2 * this.chunkSteps, MAX_CHUNK_STEPS));
  }

  // --- progress -------------------------------------------------------------------------

  private experimentStatus(): ExperimentStatus {
    if (!this.session) return 'unconfigured';
    if (this.loopRunning) return 'running';
    if (
      this.runs.length > 0 &&
      this.runs.every((run) => !run.isLive || run.step >= this.session!.totalSteps)
    ) {
      return 'done';
    }
    return this.runs.some((run) => run.step > 0) ? 'paused' : 'idle';
  }

  private shape() {
    const session = this.session;
    return {
      generation: this.generation,
      totalSteps: session?.totalSteps ?? 0,
      stepsPerEpoch: session?.stepsPerEpoch ?? 0,
    };
  }

  private beginBatchers(): void {
    this.subscriptions.each((batcher) => this.prime(batcher));
  }

  /** Brings a batcher to the current experiment: its runs and their statuses, no history. */
  private prime(batcher: ProgressBatcher): void {
    batcher.begin(
      this.shape(),
      this.runs.map((run) => run.config.id),
      this.experimentStatus(),
    );
    for (const run of this.runs) {
      batcher.setRunStatus(run.config.id, run.status, {
        diverged: run.diverged,
        error: run.error,
        errorField: run.errorField,
      });
    }
  }

  /**
   * A run whose scheduler failed as it trained (an lrLambda that cannot be evaluated at this
   * epoch): it stops with a message naming the field, under the run's path in the experiment.
   */
  private failOnSchedule(run: TrainingRun, error: unknown): void {
    const runPath = `runs[${this.runs.indexOf(run)}]`;
    const relative = error instanceof ConfigError && error.path.startsWith('scheduler');
    const field = joinPath(runPath, relative ? error.path : 'scheduler');
    const detail = error instanceof ConfigError ? error.detail : errorMessage(error);
    run.status = 'error';
    run.error = `${field}: ${detail}`;
    run.errorField = field;
  }

  private publishStatus(): void {
    const status = this.experimentStatus();
    this.subscriptions.each((batcher) => {
      batcher.setStatus(status);
      for (const run of this.runs) {
        batcher.setRunStatus(run.config.id, run.status, {
          error: run.error,
          errorField: run.errorField,
        });
      }
    });
    this.subscriptions.pump();
  }
}
