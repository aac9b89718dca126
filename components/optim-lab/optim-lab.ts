import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { OptimizerConfig } from '../../src/optim/types.js';
import type { BackendInfo } from '../../src/protocol/api.js';
import type {
  ExperimentConfig,
  ExperimentConfigInput,
  RunConfigInput,
} from '../../src/protocol/experiment.js';
import type { ProgressBatch } from '../../src/protocol/progress.js';
import type { SchedulerConfig } from '../../src/schedule/types.js';
import { TrainerController } from '../controllers/trainer-controller.js';
import type { LossPlot } from '../loss-plot/loss-plot.js';
import '../loss-plot/index.js';
import '../lr-curve/index.js';
import { attributeForPath, readLabAttributes, splitConfigError } from './attributes.js';
import type { AttributeProblem, Provenance } from './attributes.js';
import { BoundaryView } from './boundary-view.js';
import { AutoplayController } from './autoplay.js';
import { controlsBar } from './controls-bar.js';
import { GridRanking, expandGrid } from './grid-attribute.js';
import { LrFinderPanel, withOptimizerLr } from './lr-finder-panel.js';
import { experimentHorizon } from './horizon.js';
import { labStyles } from './optim-lab.styles.js';
import { labEvent } from './events.js';
import type { LabEventDetails, LabState, OptimErrorDetail } from './events.js';
import { runCard } from './run-card.js';
import { readSetting, setupForm } from './setup-form.js';
import type { LabSettings, SettingKey } from './setup-form.js';
import { describeRun, optimizerLr, optimizerMomentum } from './run-labels.js';
import { RunTracker, divergenceMessage, runSummary } from './run-tracker.js';
import type { RunSnapshot } from './run-tracker.js';
import { suggestRun } from './suggest-run.js';
import type { LabSection } from './vocabulary.js';

export type { LabState, OptimEndDetail, OptimErrorDetail, OptimProgressDetail } from './events.js';

interface LabRun {
  id: string;
  optimizer: OptimizerConfig;
  scheduler: SchedulerConfig;
  schedulerStepOn?: 'batch' | 'epoch';
  /** Set when the author or reader named the run; otherwise the label follows the config. */
  customLabel?: string;
}

const MAX_RUNS = 8;
const BOUNDARY_REFRESH_MS = 2000;
/**
 * The screen (loss plot, status, run metrics, the LR marker, the summary) refreshes at most
 * this often: four times a second reads as live, and each redraw of a plot costs a frame of
 * paint whatever it adds, so fewer, fuller redraws keep the main thread free. Events still
 * fire for every progress message.
 */
const UI_REFRESH_MS = 250;

function runLabel(run: LabRun): string {
  return run.customLabel ?? describeRun(run.optimizer, run.scheduler);
}

/**
 * A complete optimization lab: pick a dataset and an MLP, add runs that differ only in
 * optimizer and learning-rate schedule, train them side by side in a Web Worker and watch
 * the loss, the learning rate and the decision boundary. Blog authors configure it with
 * attributes; every control can be hidden for a focused embed.
 *
 * @summary Train small MLPs with torch.optim-exact optimizers and schedulers, and compare runs.
 *
 * @attr dataset - circle, xor, gaussian, spiral, moons, checkerboard, sine or plane.
 * @attr hidden - Hidden layer widths, e.g. "16,16" ("none": a linear model).
 * @attr activation - relu, leakyRelu, tanh, sigmoid, gelu or linear.
 * @attr optimizer - A type name ("AdamW"), several to compare ("SGD Adam"), or OptimizerConfig JSON (an array compares several).
 * @attr lr - Learning rate of every run whose optimizer config sets none.
 * @attr scheduler - SchedulerConfig JSON (an array: one per run). OneCycleLR's totalSteps and CosineAnnealingLR's tMax default to the training length.
 * @attr batch-size - Mini-batch size.
 * @attr epochs - Training length in epochs.
 * @attr seed - Seeds data, initial weights and batch order.
 * @attr backend - auto (default), webgpu, webgl, wasm or cpu.
 * @attr autoplay - Start training when the lab first scrolls into view.
 * @attr hide - Sections to hide: dataset model training runs controls backend lr-curve loss-plot boundary summary lr-finder ranking.
 * @attr grid - Grid search: option -> values JSON (`{"lr":[0.01,0.1],"momentum":[0,0.9]}`) expanding the first run into one run per combination; a ranking table follows training.
 * @attr lr-finder - Show the "Find a learning rate" panel open.
 * @attr config - The whole experiment (ExperimentConfigInput) as JSON; the attributes above override its fields.
 *
 * @fires optim-progress - Per run and progress batch (about 30 a second at most): `detail` { run, runId, label, step, epoch, loss, lr, status }.
 * @fires optim-end - Every run finished or diverged: `detail.runs` holds each run's final numbers.
 * @fires optim-error - An invalid attribute, a rejected config or a crashed worker: `detail` { message, attribute? }.
 *
 * @csspart base - The wrapper around everything.
 * @csspart problems - The list of input problems (invalid attributes or settings).
 * @csspart setup - The dataset, model and training settings.
 * @csspart field - Each labelled setting.
 * @csspart dataset-select - The dataset select.
 * @csspart hidden-input - The hidden-layers entry.
 * @csspart activation-select - The activation select.
 * @csspart batch-size-input - The batch size entry.
 * @csspart epochs-input - The epochs entry.
 * @csspart seed-input - The seed entry.
 * @csspart runs - The runs section.
 * @csspart run - One run card.
 * @csspart run-label-input - A run's name entry.
 * @csspart optimizer-picker - A run's <optimizer-picker>.
 * @csspart scheduler-editor - A run's <scheduler-editor>.
 * @csspart remove-run - A run's remove button.
 * @csspart add-run - The "Add run" button.
 * @csspart controls - The play / pause / step / reset toolbar.
 * @csspart play-button - Play (start or resume).
 * @csspart pause-button - Pause.
 * @csspart step-button - One optimizer step.
 * @csspart reset-button - Back to step 0.
 * @csspart status - Training progress in words.
 * @csspart backend - The backend in use and why others were skipped.
 * @csspart alert - Divergence and crash messages (role="alert").
 * @csspart plots - The box holding both plots.
 * @csspart lr-curve - The <lr-curve> of the selected run.
 * @csspart loss-plot - The <loss-plot> of all runs.
 * @csspart boundaries - The decision-boundary pictures, one per run.
 * @csspart summary - The text summary of every run.
 * @csspart lr-finder - The LR range test panel (a <details>).
 * @csspart find-lr-button - Runs the LR range test for the selected run.
 * @csspart lr-finder-plot - The <lr-finder-plot> with the test's result.
 * @csspart finder-error - Why the LR range test failed.
 * @csspart ranking - The grid search's ranking table.
 *
 * @cssproperty [--optim-lab-ink=#1f2328] - Text colour (dark: #e6edf3).
 * @cssproperty [--optim-lab-muted=#57606a] - Secondary text (dark: #9da7b3).
 * @cssproperty [--optim-lab-surface=#ffffff] - Background (dark: #1c1c21).
 * @cssproperty [--optim-lab-panel=#f6f8fa] - Background of the setup and run panels (dark: #24262d).
 * @cssproperty [--optim-lab-border=#8c959f] - Control borders.
 * @cssproperty [--optim-lab-grid=#d0d7de] - Panel borders and plot grid.
 * @cssproperty [--optim-lab-accent=#0969da] - Primary buttons, focus and accents (dark: #58a6ff).
 * @cssproperty [--optim-lab-on-accent=#ffffff] - Text on the accent colour.
 * @cssproperty [--optim-lab-focus=#0969da] - Focus ring.
 * @cssproperty [--optim-lab-error=#b3261e] - Messages about problems (dark: #ff8a80).
 * @cssproperty [--optim-lab-error-surface=#fff1f0] - Background of those messages.
 * @cssproperty [--optim-lab-radius=8px] - Corner radius.
 * @cssproperty [--optim-lab-gap=1rem] - Space between sections.
 * @cssproperty [--optim-lab-font=system-ui, sans-serif] - Font family.
 * @cssproperty [--optim-lab-boundary-size=9rem] - Size of each decision-boundary picture.
 */
export class OptimLab extends LitElement {
  static override styles = labStyles;

  /** The whole experiment as JSON (attribute) or an object (property). */
  @property() config?: string | ExperimentConfigInput;
  /** Attribute `dataset`: the property is `datasetName`, since `dataset` is every element's data-* map. */
  @property({ attribute: 'dataset' }) datasetName?: string;
  /**
   * Attribute `hidden` ("16,16"): the property is `hiddenLayers`, since `hidden` is every
   * element's visibility flag. The lab's own styles keep it visible despite the attribute.
   */
  @property({ attribute: 'hidden' }) hiddenLayers?: string;
  @property() activation?: string;
  @property() optimizer?: string;
  @property() lr?: string;
  @property() scheduler?: string;
  @property({ attribute: 'batch-size' }) batchSize?: string;
  @property() epochs?: string;
  @property() seed?: string;
  /** The backend asked for (attribute `backend`); the `backend` getter says what is in use. */
  @property({ attribute: 'backend' }) backendPreference?: string;
  @property({ type: Boolean }) autoplay = false;
  @property() hide?: string;
  @property() grid?: string;
  @property({ type: Boolean, attribute: 'lr-finder' }) lrFinder = false;

  @state() private labState: LabState = 'idle';
  @state() private runs: LabRun[] = [];
  @state() private settings: LabSettings = {};
  @state() private attributeProblems: AttributeProblem[] = [];
  @state() private settingProblems: Record<string, string> = {};
  @state() private runtimeProblem: string | undefined;
  @state() private alerts: string[] = [];
  @state() private hiddenSections: ReadonlySet<LabSection> = new Set();
  @state() private selectedRunId: string | undefined;
  @state() private announcement = '';

  @query('loss-plot') private lossPlot?: LossPlot;

  private readonly trainer = new TrainerController(this, {
    onProgress: (batch) => this.handleProgress(batch),
    onError: (error) => this.handleCrash(error),
    onWorkerStart: () => {
      this.configured = false;
      this.lastGeneration = -1;
      this.minGeneration = 0;
    },
  });
  private readonly tracker = new RunTracker();
  private readonly boundaries = new BoundaryView(this, this.trainer);
  private readonly autoplayer = new AutoplayController(this, {
    enabled: () => this.autoplay,
    ready: () => this.attributeProblems.length === 0,
    play: () => void this.start(),
  });
  private readonly ranking = new GridRanking(this, this.trainer);
  private readonly finder = new LrFinderPanel(this, {
    enqueue: (action) => this.enqueue(action),
    prepare: () => this.pauseAndConfigure(),
    onError: (message) => this.emit('optim-error', { message }),
    onPick: (runId, lr) => {
      const run = this.runs.find((r) => r.id === runId);
      if (run) this.updateRun(runId, { optimizer: withOptimizerLr(run.optimizer, lr) });
    },
  });
  private provenance: Provenance = [];
  /** Steps per epoch and in all: from the settings, then from the worker once it trains. */
  private horizon = { stepsPerEpoch: 1, totalSteps: 1 };
  /** True while the worker holds exactly the experiment the controls show. */
  private configured = false;
  private minGeneration = 0;
  private lastGeneration = -1;
  private nextRunNumber = 1;
  private ended = false;
  private pendingErrors: OptimErrorDetail[] = [];
  private lastBoundaryRefresh = 0;
  private uiTimer: ReturnType<typeof setTimeout> | undefined;
  private markerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the LR curve's current-step marker should be (set by render). */
  private markerStep: number | undefined;
  /** Progress not yet drawn: the loss plot is fed at the UI refresh rate, not per message. */
  private pendingPlot: ProgressBatch[] = [];
  /** Serialises start/pause/step/reset so fast clicks cannot interleave worker calls. */
  private queue: Promise<unknown> = Promise.resolve();

  /** The TF.js backend in use ('webgpu', 'webgl', 'wasm', 'cpu'); undefined before training. */
  get backend(): string | undefined {
    return this.trainer.backendInfo?.backend;
  }

  /** The backend in use and why faster ones were skipped; undefined before training. */
  get backendInfo(): BackendInfo | undefined {
    return this.trainer.backendInfo;
  }

  /** 'idle' | 'training' | 'paused' | 'done' | 'error'. */
  get state(): LabState {
    return this.labState;
  }

  /** The experiment the controls show now (attributes plus any edits), before defaults. */
  get experiment(): ExperimentConfigInput {
    return structuredClone({ ...this.settings, runs: this.runs.map((run) => this.runInput(run)) });
  }

  /** Each run's latest numbers. */
  get runStats(): RunSnapshot[] {
    return this.tracker.snapshots();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.uiTimer);
    this.uiTimer = undefined;
    clearTimeout(this.markerTimer);
    this.markerTimer = undefined;
    // The controller terminates the worker once the element is really gone.
    queueMicrotask(() => {
      if (!this.isConnected) this.forgetTraining();
    });
  }

  /** Starts training (configuring the worker first), or resumes after a pause. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      if (this.labState === 'training') return;
      this.runtimeProblem = undefined;
      if (this.labState === 'done') await this.resetWorker();
      const client = await this.ensureConfigured();
      if (!client) return;
      this.ended = false;
      await client.start();
      this.setLabState('training', 'Training started.');
    });
  }

  /** Pauses after the step in flight. */
  pause(): Promise<void> {
    return this.enqueue(async () => {
      if (this.labState !== 'training' || !this.trainer.active) return;
      await this.trainer.ifActive((client) => client.pause());
      this.setLabState('paused', 'Paused.');
      this.boundaries.refresh(this.runIds());
    });
  }

  /** Takes `n` optimizer steps on every run, then pauses. */
  step(n = 1): Promise<void> {
    return this.enqueue(async () => {
      if (this.labState === 'training') return;
      this.runtimeProblem = undefined;
      if (this.labState === 'done') await this.resetWorker();
      const client = await this.ensureConfigured();
      if (!client) return;
      await client.step(n);
      this.setLabState('paused', `Took ${n} step${n === 1 ? '' : 's'}.`);
      this.boundaries.refresh(this.runIds());
    });
  }

  /** Back to step 0 with the same initial weights; the plots are cleared. */
  reset(): Promise<void> {
    return this.enqueue(async () => {
      this.runtimeProblem = undefined;
      if (this.configured && this.trainer.active) await this.resetWorker();
      else this.clearProgress();
      this.setLabState('idle', 'Reset to step 0.');
    });
  }

  // ---- attributes ----------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    const attributeProps = [
      'config',
      'datasetName',
      'hiddenLayers',
      'activation',
      'optimizer',
      'lr',
      'scheduler',
      'batchSize',
      'epochs',
      'seed',
      'backendPreference',
      'hide',
      'grid',
    ] as const;
    if (!this.hasUpdated || attributeProps.some((name) => changed.has(name))) {
      this.applyAttributes();
    }
    const changedState = changed as ReadonlyMap<PropertyKey, unknown>;
    if (!this.configured && (!this.hasUpdated || changedState.has('settings'))) {
      this.horizon = experimentHorizon({ ...this.settings, runs: [] });
    }
  }

  private applyAttributes(): void {
    const setup = readLabAttributes({
      config: this.config,
      dataset: this.datasetName,
      hidden: this.hiddenLayers,
      activation: this.activation,
      optimizer: this.optimizer,
      lr: this.lr,
      scheduler: this.scheduler,
      batchSize: this.batchSize,
      epochs: this.epochs,
      seed: this.seed,
      backend: this.backendPreference,
      hide: this.hide,
    });
    const { runs: runInputs, ...settings } = setup.experiment;
    this.provenance = setup.provenance;
    this.hiddenSections = setup.hidden;
    this.settings = settings;
    this.settingProblems = {};
    this.nextRunNumber = 1;
    const grid =
      this.grid?.trim() && setup.problems.length === 0
        ? expandGrid(this.grid, runInputs)
        : undefined;
    if (grid && !grid.ok) setup.problems.push({ attribute: 'grid', message: grid.message });
    this.runs = (grid?.ok ? grid.value : runInputs).map((run) => this.toLabRun(run));
    this.selectedRunId = this.runs[0]?.id;
    const previous = new Set(this.attributeProblems.map((p) => p.message));
    this.attributeProblems = setup.problems;
    for (const problem of setup.problems) {
      if (!previous.has(problem.message)) {
        this.pendingErrors.push({ message: problem.message, attribute: problem.attribute });
      }
    }
    this.trainer.setBackendChoice(setup.backend);
    this.runtimeProblem = undefined;
    this.invalidateTraining();
  }

  private toLabRun(input: RunConfigInput): LabRun {
    const run: LabRun = {
      id: input.id ?? `run-${this.nextRunNumber}`,
      optimizer: input.optimizer,
      scheduler: input.scheduler ?? { type: 'None' },
    };
    this.nextRunNumber += 1;
    if (input.schedulerStepOn) run.schedulerStepOn = input.schedulerStepOn;
    if (input.label !== undefined) run.customLabel = input.label;
    return run;
  }

  private runInput(run: LabRun): RunConfigInput {
    const input: RunConfigInput = {
      id: run.id,
      label: runLabel(run),
      optimizer: run.optimizer,
      scheduler: run.scheduler,
    };
    if (run.schedulerStepOn) input.schedulerStepOn = run.schedulerStepOn;
    return input;
  }

  protected override firstUpdated(): void {
    this.syncLossPlotRuns();
  }

  protected override updated(): void {
    this.moveMarkerSoon();
    const errors = this.pendingErrors;
    this.pendingErrors = [];
    for (const detail of errors) this.emit('optim-error', detail);
  }

  // ---- worker --------------------------------------------------------------------------

  private enqueue(action: () => Promise<void>): Promise<void> {
    const run = this.queue.then(action).catch((error: unknown) => this.handleCallError(error));
    this.queue = run;
    return run;
  }

  private async ensureConfigured() {
    const client = await this.trainer.connect();
    if (this.configured) return client;
    const input: ExperimentConfigInput = {
      ...this.settings,
      runs: this.runs.map((run) => this.runInput(run)),
    };
    let config: ExperimentConfig;
    try {
      config = await client.configure(input);
    } catch (error) {
      this.reportConfigError(error);
      return undefined;
    }
    this.configured = true;
    this.clearProgress();
    this.horizon = experimentHorizon(config);
    this.boundaries.forget();
    this.boundaries.configure(client);
    return client;
  }

  /** For the LR range test: the worker must hold this experiment and not be training. */
  private async pauseAndConfigure() {
    if (this.labState === 'training' && this.trainer.active) {
      await this.trainer.ifActive((client) => client.pause());
      this.setLabState('paused', 'Paused for the LR range test.');
    }
    return this.ensureConfigured();
  }

  private async resetWorker(): Promise<void> {
    await this.trainer.use((client) => client.reset());
    this.clearProgress();
  }

  /** Forget the worker's experiment; the next play configures it anew. */
  private invalidateTraining(): void {
    const wasActive = this.configured && this.trainer.active;
    this.configured = false;
    this.ended = false;
    this.clearProgress();
    if (this.labState !== 'error') this.labState = 'idle';
    if (wasActive) {
      void this.enqueue(async () => {
        await this.trainer.ifActive((client) => client.pause());
      });
    }
  }

  private forgetTraining(): void {
    this.configured = false;
    this.labState = 'idle';
    this.clearProgress();
  }

  private clearProgress(): void {
    this.minGeneration = this.lastGeneration + 1;
    this.pendingPlot = [];
    this.tracker.reset(this.runs.map((run) => ({ id: run.id, label: runLabel(run) })));
    this.alerts = [];
    this.ranking.clear();
    this.boundaries.clear();
    this.syncLossPlotRuns();
    this.lossPlot?.clear();
  }

  private syncLossPlotRuns(): void {
    this.lossPlot?.setRuns(this.runs.map((run) => ({ id: run.id, label: runLabel(run) })));
  }

  private handleProgress(batch: ProgressBatch): void {
    if (!this.configured || batch.generation < this.minGeneration) return;
    if (batch.generation !== this.lastGeneration) {
      this.lastGeneration = batch.generation;
      this.pendingPlot = [];
      this.lossPlot?.clear();
    }
    this.horizon = { stepsPerEpoch: batch.stepsPerEpoch, totalSteps: batch.totalSteps };
    this.pendingPlot.push(batch);
    const result = this.tracker.ingest(batch);
    for (const snapshot of result.advanced) {
      this.emit('optim-progress', {
        run: snapshot.index,
        runId: snapshot.runId,
        label: snapshot.label,
        step: snapshot.step,
        epoch: snapshot.epoch,
        loss: snapshot.loss,
        lr: snapshot.lr,
        status: snapshot.status,
      });
    }
    const news = [
      ...result.diverged.map(divergenceMessage),
      ...result.failed.map(
        (run) => `Run ${run.index + 1} (${run.label}) stopped: ${run.error ?? 'error'}`,
      ),
    ];
    if (news.length > 0) this.alerts = [...this.alerts, ...news];
    const now = performance.now();
    if (now - this.lastBoundaryRefresh > BOUNDARY_REFRESH_MS) {
      this.lastBoundaryRefresh = now;
      this.boundaries.refresh(this.runIds());
    }
    if (batch.status === 'done' && !this.ended) {
      this.ended = true;
      this.flushPlot();
      this.setLabState('done', 'Training finished.');
      if (this.grid) this.ranking.refresh();
      this.boundaries.refresh(this.runIds());
      this.emit('optim-end', { runs: this.tracker.snapshots() });
    }
    this.scheduleUiRefresh();
  }

  private scheduleUiRefresh(): void {
    if (this.uiTimer !== undefined) return;
    this.uiTimer = setTimeout(() => {
      this.uiTimer = undefined;
      this.flushPlot();
      this.requestUpdate();
    }, UI_REFRESH_MS);
  }

  /** Hands the points gathered since the last refresh to the loss plot (one redraw). */
  private flushPlot(): void {
    const plot = this.lossPlot;
    const batches = this.pendingPlot;
    this.pendingPlot = [];
    if (!plot) return;
    for (const batch of batches) {
      for (const run of batch.runs) {
        if (run.steps.length > 0) {
          plot.appendLoss(run.runId, { steps: run.steps, loss: run.loss, epochs: run.epochs });
        }
        if (run.evals.steps.length > 0) {
          plot.appendEval(run.runId, { steps: run.evals.steps, valLoss: run.evals.valLoss });
        }
      }
    }
  }

  private handleCrash(error: Error): void {
    this.configured = false;
    this.runtimeProblem = `The training worker stopped: ${error.message}. Press play to start a new one.`;
    this.setLabState('error', this.runtimeProblem);
    this.emit('optim-error', { message: error.message });
  }

  private handleCallError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    // A crash was already reported by handleCrash; do not say it twice.
    if (this.labState === 'error' && this.runtimeProblem?.includes(message)) return;
    this.runtimeProblem = message;
    this.setLabState('error', message);
    this.emit('optim-error', { message });
  }

  /** A config the worker refused: name the attribute (or control) to fix. */
  private reportConfigError(error: unknown): void {
    const raw = error instanceof Error ? error.message : String(error);
    const { path, detail } = splitConfigError(raw);
    const attribute = path ? attributeForPath(path, this.provenance) : undefined;
    const message = attribute ? `${attribute}: ${detail} (${path})` : raw;
    this.runtimeProblem = message;
    this.setLabState('error', message);
    this.emit('optim-error', attribute ? { message, attribute } : { message });
  }

  private setLabState(next: LabState, announcement: string): void {
    this.labState = next;
    this.announcement = announcement;
  }

  private emit<K extends keyof LabEventDetails>(type: K, detail: LabEventDetails[K]): void {
    this.dispatchEvent(labEvent(type, detail));
  }

  private runIds(): string[] {
    return this.runs.map((run) => run.id);
  }

  // ---- edits from the controls ---------------------------------------------------------

  private updateSettings(mutate: (draft: LabSettings) => void): void {
    const draft = structuredClone(this.settings);
    mutate(draft);
    this.settings = draft;
    this.runtimeProblem = undefined;
    this.invalidateTraining();
  }

  private onSettingInput(key: SettingKey, raw: string): void {
    const { [key]: _old, ...problems } = this.settingProblems;
    const edit = readSetting(key, raw);
    if (edit.ok) this.updateSettings(edit.apply);
    else problems[key] = edit.message;
    this.settingProblems = problems;
  }

  private updateRun(id: string, change: Partial<LabRun>): void {
    this.runs = this.runs.map((run) => (run.id === id ? { ...run, ...change } : run));
    const run = this.runs.find((r) => r.id === id);
    if (!run) return;
    this.tracker.setRuns(this.runs.map((r) => ({ id: r.id, label: runLabel(r) })));
    this.syncLossPlotRuns();
    if (!this.configured || !this.trainer.active) return;
    const update = {
      label: runLabel(run),
      ...(change.optimizer ? { optimizer: run.optimizer } : {}),
      ...(change.scheduler ? { scheduler: run.scheduler } : {}),
    };
    void this.enqueue(async () => {
      try {
        await this.trainer.ifActive((client) => client.updateRun(id, update));
      } catch (error) {
        this.reportConfigError(error);
      }
    });
  }

  private addRun(): void {
    if (this.runs.length >= MAX_RUNS) return;
    const input = suggestRun(this.runs.map((run) => run.optimizer));
    let id = `run-${this.nextRunNumber}`;
    while (this.runs.some((run) => run.id === id)) id = `run-${++this.nextRunNumber}`;
    const run = this.toLabRun({ ...input, id });
    this.runs = [...this.runs, run];
    this.tracker.setRuns(this.runs.map((r) => ({ id: r.id, label: runLabel(r) })));
    this.syncLossPlotRuns();
    this.announcement = `Added run ${this.runs.length}: ${runLabel(run)}.`;
    if (this.configured && this.trainer.active) {
      void this.enqueue(async () => {
        try {
          await this.trainer.ifActive((client) => client.addRun(this.runInput(run)));
        } catch (error) {
          this.reportConfigError(error);
        }
      });
    }
  }

  private removeRun(id: string): void {
    if (this.runs.length <= 1) return;
    const index = this.runs.findIndex((run) => run.id === id);
    this.runs = this.runs.filter((run) => run.id !== id);
    if (this.selectedRunId === id) this.selectedRunId = this.runs[0]?.id;
    this.tracker.setRuns(this.runs.map((r) => ({ id: r.id, label: runLabel(r) })));
    this.syncLossPlotRuns();
    this.announcement = `Removed run ${index + 1}.`;
    // Focus would be lost with the removed card: move it to a sensible neighbour.
    void this.updateComplete.then(() => {
      const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="remove-run"]');
      (
        buttons[Math.min(index, buttons.length - 1)] ??
        this.renderRoot.querySelector<HTMLButtonElement>('[part="add-run"]')
      )?.focus();
    });
    if (this.configured && this.trainer.active) {
      void this.enqueue(async () => {
        await this.trainer.ifActive((client) => client.removeRun(id));
      });
    }
  }

  // ---- rendering -----------------------------------------------------------------------

  private shows(section: LabSection): boolean {
    return !this.hiddenSections.has(section);
  }

  override render(): TemplateResult {
    const problems = [
      ...this.attributeProblems.map((p) => p.message),
      ...Object.values(this.settingProblems),
      ...(this.runtimeProblem ? [this.runtimeProblem] : []),
    ];
    return html`
      <div class="lab" part="base">
        <div class="problems" part="problems" role="alert" aria-label="Problems with the settings">
          ${
            problems.length
              ? html`<ul>
                  ${problems.map((message) => html`<li><code>${message}</code></li>`)}
                </ul>`
              : nothing
          }
        </div>
        ${this.renderSetup()} ${this.renderRuns()} ${this.renderControls()}
        ${this.shows('backend') ? this.renderBackend() : nothing}
        <div class="alert" part="alert" role="alert">
          ${this.alerts.map((message) => html`<p>${message}</p>`)}
        </div>
        ${this.shows('lr-finder') ? this.renderFinder() : nothing} ${this.renderPlots()}
        ${this.shows('boundary') ? this.renderBoundaries() : nothing}
        ${this.shows('ranking') ? this.ranking.render() : nothing} ${this.renderSummary()}
        <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      </div>
    `;
  }

  private renderSetup(): TemplateResult | typeof nothing {
    return setupForm({
      settings: this.settings,
      problems: this.settingProblems,
      shows: (section) => this.shows(section),
      onChange: (key, raw) => this.onSettingInput(key, raw),
    });
  }

  private renderRuns(): TemplateResult | typeof nothing {
    if (!this.shows('runs')) return nothing;
    return html`
      <div class="runs" part="runs" role="group" aria-labelledby="runs-title">
        <h2 class="section-title" id="runs-title">Runs</h2>
        <ol class="run-list">
          ${this.runs.map((run, index) => this.renderRun(run, index))}
        </ol>
        <div>
          <button
            part="add-run"
            type="button"
            ?disabled=${this.runs.length >= MAX_RUNS}
            @click=${() => this.addRun()}
          >
            Add run
          </button>
          ${this.runs.length >= MAX_RUNS ? html`<span class="hint">At most ${MAX_RUNS} runs.</span>` : nothing}
        </div>
      </div>
    `;
  }

  private renderRun(run: LabRun, index: number): TemplateResult {
    const stats = this.tracker.get(run.id);
    return runCard({
      id: run.id,
      index,
      count: this.runs.length,
      label: runLabel(run),
      metrics: stats && stats.step > 0 ? runSummary(stats).slice(stats.label.length + 2) : '',
      optimizer: run.optimizer,
      scheduler: run.scheduler,
      totalSteps: this.horizon.totalSteps,
      onLabel: (text) => this.updateRun(run.id, { customLabel: text || undefined }),
      onOptimizer: (optimizer) => this.updateRun(run.id, { optimizer }),
      onScheduler: (scheduler) => this.updateRun(run.id, { scheduler }),
      onRemove: () => this.removeRun(run.id),
    });
  }

  private renderControls(): TemplateResult {
    const snapshot = this.tracker.snapshots()[0];
    return controlsBar({
      state: this.labState,
      step: snapshot?.step ?? 0,
      epoch: snapshot?.epoch ?? 0,
      totalSteps: this.horizon.totalSteps,
      hidden: !this.shows('controls'),
      onPlay: () => void this.start(),
      onPause: () => void this.pause(),
      onStep: () => void this.step(1),
      onReset: () => void this.reset(),
    });
  }

  private renderFinder(): TemplateResult | typeof nothing {
    return this.finder.render({
      runs: this.runs.map((run) => ({
        id: run.id,
        label: runLabel(run),
        optimizer: run.optimizer,
      })),
      selectedId: this.selectedRunId,
      open: this.lrFinder,
      onSelect: (id) => (this.selectedRunId = id),
    });
  }

  private renderBackend(): TemplateResult {
    const info = this.trainer.backendInfo;
    if (!info) {
      const text =
        this.trainer.connection === 'starting'
          ? 'Starting the training worker…'
          : 'Backend: chosen when training starts.';
      return html`<p class="backend" part="backend">${text}</p>`;
    }
    const skipped = info.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
    // The reason starts with the backend's name ("wasm: 9.0x faster than webgpu ..."): show
    // the rest after the name in bold.
    const why = info.reason?.replace(/^\w+: /, '');
    return html`<p class="backend" part="backend">
      Backend: <strong>${info.backend}</strong>${why ? ` (${why})` : nothing}${
        skipped ? html`; skipped ${skipped}` : nothing
      }
    </p>`;
  }

  /** The step the LR curve marks: 1 % strides while training, exact otherwise. */
  private markerFor(
    stats: RunSnapshot | undefined,
    perEpoch: boolean,
    lrSteps: number,
  ): number | undefined {
    if (!stats || stats.step === 0) return undefined;
    const exact = perEpoch ? Math.floor(stats.epoch) : stats.step;
    const stride = this.labState === 'training' ? Math.max(1, Math.floor(lrSteps / 100)) : 1;
    return exact - (exact % stride);
  }

  /**
   * Moves the LR curve's marker in a task of its own: redrawing the curve and rendering the
   * lab in the same task could add up to a long task on a slow machine.
   */
  private moveMarkerSoon(): void {
    if (this.markerTimer !== undefined) return;
    this.markerTimer = setTimeout(() => {
      this.markerTimer = undefined;
      const curve = this.renderRoot.querySelector('lr-curve');
      if (curve && curve.currentStep !== this.markerStep) curve.currentStep = this.markerStep;
    }, 0);
  }

  private renderPlots(): TemplateResult | typeof nothing {
    const showLr = this.shows('lr-curve');
    const showLoss = this.shows('loss-plot');
    if (!showLr && !showLoss) return nothing;
    const selected = this.runs.find((run) => run.id === this.selectedRunId) ?? this.runs[0];
    const stats = selected ? this.tracker.get(selected.id) : undefined;
    const perEpoch = selected?.schedulerStepOn === 'epoch';
    const lrSteps = perEpoch
      ? Math.max(1, Math.round(this.horizon.totalSteps / this.horizon.stepsPerEpoch))
      : this.horizon.totalSteps;
    this.markerStep = this.markerFor(stats, perEpoch, lrSteps);
    return html`
      <div class="plots" part="plots">
        ${
          showLr && selected
            ? html`<div class="plot-panel">
                <h2 class="section-title">Learning rate</h2>
                ${
                  this.runs.length > 1
                    ? html`<div class="field">
                        <label for="lr-run">Schedule of</label>
                        <select
                          id="lr-run"
                          .value=${live(selected.id)}
                          @change=${(e: Event) => (this.selectedRunId = (e.target as HTMLSelectElement).value)}
                        >
                          ${this.runs.map((run, index) => html`<option value=${run.id} ?selected=${run.id === selected.id}>Run ${index + 1}: ${runLabel(run)}</option>`)}
                        </select>
                      </div>`
                    : nothing
                }
                <lr-curve
                  part="lr-curve"
                  .schedule=${selected.scheduler}
                  .baseLr=${optimizerLr(selected.optimizer)}
                  .baseMomentum=${optimizerMomentum(selected.optimizer)}
                  .steps=${lrSteps}
                ></lr-curve>
              </div>`
            : nothing
        }
        <div class="plot-panel" ?hidden=${!showLoss}>
          <h2 class="section-title">Training loss</h2>
          <loss-plot
            part="loss-plot"
            .totalSteps=${this.horizon.totalSteps}
            .totalEpochs=${this.horizon.totalSteps / this.horizon.stepsPerEpoch}
          ></loss-plot>
        </div>
      </div>
    `;
  }

  private renderBoundaries(): TemplateResult | typeof nothing {
    return this.boundaries.render(
      this.runs.map((run, index) => {
        const stats = this.tracker.get(run.id);
        return {
          id: run.id,
          caption: `Run ${index + 1}: ${runLabel(run)}`,
          description: stats ? runSummary(stats) : '',
        };
      }),
    );
  }

  private renderSummary(): TemplateResult {
    const lines = this.tracker.snapshots().map(runSummary);
    return html`<p class="summary ${this.shows('summary') ? '' : 'visually-hidden'}" part="summary">
      ${lines.join('. ')}${lines.length ? '.' : ''}
    </p>`;
  }
}
