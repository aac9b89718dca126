import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { withOption } from '../../src/optim/options';
import type { BackendInfo } from '../../src/protocol/api';
import { MAX_RUNS } from '../../src/protocol/experiment';
import { experimentHorizon } from '../../src/protocol/experiment';
import type { ExperimentConfigInput } from '../../src/protocol/experiment';
import { fillExperimentHorizons, fillRunHorizon } from '../../src/protocol/horizon';
import type { LabExperimentInput } from '../../src/protocol/horizon';
import type { LabState as SharedState, UiState } from '../../src/share/state';
import { ExperimentController } from '../controllers/experiment-controller';
import type { FailureKind } from '../controllers/experiment-controller';
import type { LossPlot } from '../loss-plot/loss-plot';
import type { RunHistory } from '../loss-plot/run-series';
import { OptimElement } from '../shared/optim-element';
import {
  LAB_PROPERTIES,
  attributeValues,
  describeFailure,
  describeRunFailure,
  readLabAttributes,
  warnHiddenOnce,
} from './attributes';
import type { Provenance } from './attributes';
import { AutoplayController } from './autoplay';
import { backendLine } from './backend-line';
import { BoundaryView } from './boundary-view';
import { controlsBar } from './controls-bar';
import { DataEditor } from './data-editor';
import { pytorchControl } from './pytorch-control';
import type { LabState } from './events';
import { GridRanking, expandGrid } from './grid-attribute';
import { LrFinderPanel } from './lr-finder-panel';
import { labStyles } from './optim-lab.styles';
import { LrMarker, feedLossPlot, plotsPanel } from './plots-panel';
import { focusAfterRemoval, runsSection } from './run-card';
import { freshRunId, labRun, runInput, runLabel, runSpecs } from './run-list';
import type { LabRun } from './run-list';
import { summaryText } from './run-tracker';
import type { RunSnapshot } from './run-tracker';
import { readSetting, setupForm } from './setup-form';
import type { LabSettings, SettingKey } from './setup-form';
import { SharePanel } from '../shared/share-panel';
import { suggestRun } from './suggest-run';
import type { LabSection } from './vocabulary';

export type { LabState, OptimEndDetail, OptimErrorDetail, OptimProgressDetail } from './events';

/**
 * A complete optimization lab: pick a dataset and an MLP, add runs that differ only in
 * optimizer and learning-rate schedule, train them side by side in a Web Worker and watch
 * the loss, the learning rate and the decision boundary. Blog authors configure it with
 * attributes; every control can be hidden for a focused embed.
 *
 * @summary Train small MLPs with torch.optim-exact optimizers and schedulers, and compare runs.
 *
 * @attr dataset - circle, xor, gaussian, spiral, moons, checkerboard, sine or plane.
 * @attr layers - Hidden layer widths, e.g. "16,16" ("none": a linear model).
 * @attr hidden - Deprecated name of `layers` (page CSS such as `[hidden] { display: none }` hides the lab); warns once.
 * @attr activation - relu, leakyRelu, tanh, sigmoid, gelu or linear.
 * @attr optimizer - A type name ("AdamW"), several to compare ("SGD Adam"), or OptimizerConfig JSON (an array compares several).
 * @attr lr - Learning rate of every run whose optimizer config sets none.
 * @attr scheduler - SchedulerConfig JSON (an array: one per run). OneCycleLR's totalSteps, CosineAnnealingLR's tMax and PolynomialLR's totalIters left out follow the training length, whatever changes it.
 * @attr swa - Stochastic Weight Averaging (torch.optim.swa_utils) for every run that sets none, as JSON: `{"start":30,"swaLr":0.05,"annealEpochs":10,"annealStrategy":"cos"}` (start: the 0-based epoch from whose end on the weights are averaged; SWALR takes over the lr then); a JSON array gives one per run (null: none). Also per run in `config`.
 * @attr batch-size - Mini-batch size.
 * @attr epochs - Training length in epochs.
 * @attr seed - Seeds data, initial weights and batch order.
 * @attr backend - The backend asked for: auto (default), webgpu, webgl, wasm or cpu. `activeBackend` says which one runs.
 * @attr autoplay - Start training when the lab first scrolls into view.
 * @attr hide - Sections to hide: dataset model training runs controls backend lr-curve loss-plot boundary summary lr-finder ranking edit-data share pytorch.
 * @attr grid - Grid search: option -> values JSON (`{"lr":[0.01,0.1],"momentum":[0,0.9]}`) expanding the first run into one run per combination; a ranking table follows training.
 * @attr lr-finder - Show the "Find a learning rate" panel open.
 * @attr edit-data - Show the data editor open: click or tap to add points, drag to move them, keys too; CSV in and out.
 * @attr share - Read this lab's state from the page's URL fragment (`#optim-lab:<id>=v1.…`, made by "Copy link") on connect and on `hashchange`.
 * @attr config - The whole experiment (ExperimentConfigInput) as JSON; the attributes above override its fields.
 *
 * @fires optim-progress - Per run and progress batch (about 30 a second at most): `detail` { run, runId, label, step, epoch, loss, lr, status }.
 * @fires optim-end - Every run finished or diverged: `detail.runs` holds each run's final numbers.
 * @fires optim-error - An invalid attribute, a rejected config, a crashed worker or a shared state that could not be used (attribute 'share'): `detail` { message, attribute? }.
 *
 * @csspart base - The wrapper around everything.
 * @csspart problems - The list of input problems (invalid attributes or settings).
 * @csspart setup - The dataset, model and training settings.
 * @csspart field - Each labelled setting.
 * @csspart dataset-select - The dataset select.
 * @csspart layers-input - The hidden-layers entry (also `hidden-input`, its deprecated name).
 * @csspart activation-select - The activation select.
 * @csspart batch-size-input - The batch size entry.
 * @csspart epochs-input - The epochs entry.
 * @csspart seed-input - The seed entry.
 * @csspart runs - The runs section.
 * @csspart run - One run card.
 * @csspart run-label-input - A run's name entry.
 * @csspart optimizer-picker - A run's <optimizer-picker>.
 * @csspart scheduler-editor - A run's <scheduler-editor>.
 * @csspart swa-editor - A run's <swa-editor> (Stochastic Weight Averaging).
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
 * @csspart lr-follows - Under it: which of the schedule's lengths follow the training length, and that length.
 * @csspart loss-plot - The <loss-plot> of all runs.
 * @csspart boundaries - The decision-boundary pictures, one per run.
 * @csspart swa-toggle - Under a run with SWA: shows its SWA average instead of its weights (aria-pressed).
 * @csspart swa-hint - Says when the average begins, while it has not yet.
 * @csspart summary - The text summary of every run.
 * @csspart lr-finder - The LR range test panel (a <details>).
 * @csspart find-lr-button - Runs the LR range test for the selected run.
 * @csspart lr-finder-plot - The <lr-finder-plot> with the test's result.
 * @csspart finder-error - Why the LR range test failed.
 * @csspart ranking - The grid search's ranking table.
 * @csspart tools - The row with "Edit data", "Share" and "PyTorch".
 * @csspart edit-data - The "Edit data" toggle (aria-pressed).
 * @csspart data-editor - The data editor: its buttons, the editable <optim-data-view> and the CSV part.
 * @csspart start-from-dataset - Copies the generated dataset's points into the editor.
 * @csspart clear-points - Removes every point.
 * @csspart points-kind - With no points: two classes or regression.
 * @csspart point-editor - The editable <optim-data-view>.
 * @csspart data-note - What the last data action did (a polite live region).
 * @csspart csv - The CSV part (a <details>): csv-input, csv-load, csv-file, csv-download, csv-error.
 * @csspart share-button - Shows the share panel (aria-expanded).
 * @csspart share - The share panel: copy-link, copy-json, download-json, share-output, share-status, restore-input, restore, restore-error.
 * @csspart pytorch - The "PyTorch" button (an <optim-pytorch-export>) showing the lab as a script.
 *
 * @cssproperty --optim-lab-* - The theme tokens (ink, muted, surface, panel, field, border, grid, accent,
 *   on-accent, focus, error, error-surface, radius, gap, font, series-1 ... series-16), read by
 *   every element inside too; light and dark defaults: README, Theme.
 * @cssproperty [--optim-lab-boundary-size=9rem] - Size of each decision-boundary picture.
 *
 * @tag optim-lab
 */
export class OptimLab extends OptimElement {
  static override styles = labStyles;

  /** The whole experiment as JSON (attribute) or an object (property). */
  @property() config?: string | LabExperimentInput;
  /** Attribute `dataset`: the property is `datasetName`, since `dataset` is every element's data-* map. */
  @property({ attribute: 'dataset' }) datasetName?: string;
  /** Hidden layer widths, "16,16" ("none": a linear model). */
  @property() layers?: string;
  /**
   * @deprecated Use `layers`: `hidden` is every element's visibility flag, and page CSS
   * such as `[hidden] { display: none }` hides a lab that uses it. Read when `layers` is not set.
   */
  @property({ attribute: 'hidden' }) hiddenLayers?: string;
  @property() activation?: string;
  @property() optimizer?: string;
  @property() lr?: string;
  @property() scheduler?: string;
  /** Stochastic Weight Averaging of every run as JSON (`{"start":30,"swaLr":0.05}`), or one per run. */
  @property() swa?: string;
  @property({ attribute: 'batch-size' }) batchSize?: string;
  @property() epochs?: string;
  @property() seed?: string;
  /** The backend asked for: auto (default), webgpu, webgl, wasm or cpu; see `activeBackend`. */
  @property() backend?: string;
  @property({ type: Boolean }) autoplay = false;
  @property() hide?: string;
  @property() grid?: string;
  @property({ type: Boolean, attribute: 'lr-finder' }) lrFinder = false;
  /** Show the data editor open. */
  @property({ type: Boolean, attribute: 'edit-data' }) editData = false;
  /** Read this lab's state from the page's URL fragment (on connect and on hashchange). */
  @property({ type: Boolean }) share = false;

  @state() private runs: LabRun[] = [];
  @state() private settings: LabSettings = {};
  @state() private settingProblems: Partial<Record<SettingKey, string>> = {};
  @state() private hiddenSections: ReadonlySet<LabSection> = new Set();
  @state() private selectedRunId: string | undefined;

  @query('loss-plot') private lossPlot?: LossPlot;

  private readonly runner = new ExperimentController(this, {
    onProgress: (runs) => {
      for (const run of runs) {
        const { index, runId, label, step, epoch, loss, lr, status } = run;
        this.emit('optim-progress', { run: index, runId, label, step, epoch, loss, lr, status });
      }
      this.boundaries.refresh(true);
    },
    onEnd: (runs) => {
      this.boundaries.refresh();
      this.emit('optim-end', { runs: [...runs] });
    },
    onError: (error, kind) => this.failure(error, kind),
    onRunError: (run) => {
      const { detail, shown } = describeRunFailure(run, this.provenance);
      this.emit('optim-error', detail);
      return shown;
    },
    onRefresh: (batches) => {
      if (this.lossPlot) feedLossPlot(this.lossPlot, batches);
    },
    onClear: () => this.lossPlot?.clear(),
  });
  private readonly boundaries = new BoundaryView(this, this.runner, () =>
    this.runs.map((run) => run.id),
  );
  private readonly ranking = new GridRanking(this, this.runner, () => !!this.grid?.trim());
  private readonly finder = new LrFinderPanel(this, this.runner, {
    onError: (message) => this.emit('optim-error', { message }),
    onPick: (runId, lr) => {
      const run = this.runs.find((r) => r.id === runId);
      if (run) this.updateRun(runId, { optimizer: withOption(run.optimizer, 'lr', lr) });
    },
  });
  private readonly editor = new DataEditor(this, {
    experiment: () => this.input(),
    store: (dataset) => (this.settings = { ...this.settings, dataset }),
    reconfigure: () => {
      // Editing restarts a training that was running, on the new points.
      const wasTraining = this.runner.state === 'training';
      this.runner.load(this.input());
      if (wasTraining) void this.runner.start();
    },
  });
  private readonly sharing = new SharePanel(this, {
    kind: 'optim-lab',
    noun: 'lab',
    holds: 'A link or a JSON file holds the whole lab: data, model, training and every run.',
    id: () => this.id,
    readsFragment: () => this.share,
    // As given: a schedule's length left to the training follows it in the restored lab too.
    state: () => ({ config: this.given(), ui: this.uiState() }),
    apply: (state) => this.applyState(state),
    defaults: () => this.applyAttributes(),
    onProblem: (message) => this.emit('optim-error', { message, attribute: 'share' }),
  });
  private provenance: Provenance = [];
  private nextRunNumber = 1;

  constructor() {
    super();
    new AutoplayController(this, {
      enabled: () => this.autoplay,
      ready: () => this.problems.length === 0,
      // A state in the page's link comes first: train that, not the attributes' lab.
      play: () => void this.sharing.settled.then(() => this.start()),
    });
    new LrMarker(this, () => {
      const run = this.selectedRun;
      return {
        run,
        stats: run ? this.runner.tracker.get(run.id) : undefined,
        state: this.runner.state,
        horizon: this.runner.horizon,
      };
    });
  }

  /** The TF.js backend in use ('webgpu', 'webgl', 'wasm', 'cpu'); undefined before training. */
  get activeBackend(): string | undefined {
    return this.runner.backendInfo?.backend;
  }

  /** The backend in use and why faster ones were skipped; undefined before training. */
  get backendInfo(): BackendInfo | undefined {
    return this.runner.backendInfo;
  }

  /** 'idle' | 'training' | 'paused' | 'done' | 'error'. */
  get state(): LabState {
    return this.runner.state;
  }

  /**
   * The experiment the controls show now (attributes plus any edits), before defaults; a
   * schedule's length left to the training is filled in for the training as it is now.
   */
  get experiment(): ExperimentConfigInput {
    return structuredClone(this.input());
  }

  /** Each run's latest numbers. */
  get runStats(): RunSnapshot[] {
    return this.runner.tracker.snapshots();
  }

  /** Every point the loss plot holds, per run (copies): what the runs' losses did. */
  get lossHistory(): RunHistory[] {
    return this.lossPlot?.history() ?? [];
  }

  /** Starts training (configuring the worker first), or resumes after a pause. */
  start(): Promise<void> {
    this.editor.flush();
    return this.runner.start();
  }

  /** Pauses after the step in flight. */
  async pause(): Promise<void> {
    await this.runner.pause();
    this.boundaries.refresh();
  }

  /** Takes `n` optimizer steps on every run, then pauses. */
  async step(n = 1): Promise<void> {
    this.editor.flush();
    await this.runner.step(n);
    this.boundaries.refresh();
  }

  /** Back to step 0 with the same initial weights; the plots are cleared. */
  reset(): Promise<void> {
    this.editor.flush();
    return this.runner.reset();
  }

  /** A link to this lab as it is now: the page's URL with this lab's fragment entry. */
  shareLink(): Promise<string> {
    return this.sharing.link();
  }

  /** Shows a shared state (from `restoreLabState` or `labStateFromJson`) in this lab. */
  restoreState(state: SharedState): Promise<void> {
    return this.applyState(state);
  }

  // ---- attributes and edits --------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || LAB_PROPERTIES.some((name) => changed.has(name))) {
      this.applyAttributes();
    }
    if (changed.has('editData')) this.editor.open = this.editData;
    if (changed.has('share') && this.hasUpdated) this.sharing.readFragment();
  }

  private applyAttributes(): void {
    const setup = readLabAttributes(attributeValues(this));
    if (this.hiddenLayers && !this.layers) warnHiddenOnce();
    const { runs: inputs, ...settings } = setup.experiment;
    this.provenance = setup.provenance;
    this.hiddenSections = setup.hidden;
    this.settings = settings;
    this.settingProblems = {};
    const grid =
      this.grid?.trim() && setup.problems.length === 0 ? expandGrid(this.grid, inputs) : undefined;
    if (grid && !grid.ok) setup.problems.push({ attribute: 'grid', message: grid.message });
    this.nextRunNumber = 1;
    this.runs = (grid?.ok ? grid.value : inputs).map((input) => {
      const { id, next } = freshRunId([], this.nextRunNumber);
      this.nextRunNumber = next;
      return labRun(input, id);
    });
    this.selectedRunId = this.runs[0]?.id;
    this.reportProblems(setup.problems);
    this.runner.backend = setup.backend;
    this.editor.follow(this.settings.dataset);
    this.runner.load(this.input());
  }

  /** What the lab shows besides its experiment, for a shared state. */
  private uiState(): UiState {
    const ui: UiState = { editing: this.editor.open };
    if (this.selectedRunId) ui.selected = this.selectedRunId;
    return ui;
  }

  /** Shows a shared state: its experiment replaces the lab's, its UI state is taken as far as it fits. */
  private async applyState(state: SharedState): Promise<void> {
    // After the first update, which applies the attributes (the state replaces them).
    await this.updateComplete;
    const { runs, ...settings } = state.config;
    this.settings = settings;
    this.settingProblems = {};
    this.nextRunNumber = 1;
    this.runs = runs.map((input) => {
      const { id, next } = freshRunId([], this.nextRunNumber);
      this.nextRunNumber = next;
      return labRun(input, id);
    });
    const { selected, editing } = state.ui ?? {};
    this.selectedRunId = this.runs.find((run) => run.id === selected)?.id ?? this.runs[0]?.id;
    if (typeof editing === 'boolean') this.editor.open = editing;
    this.editor.follow(settings.dataset);
    this.runner.load(this.input());
  }

  /** The experiment as the trainer takes it: schedules span the training as it is now. */
  private input(): ExperimentConfigInput {
    return fillExperimentHorizons(this.given());
  }

  /** The experiment as given: a length left out follows the training (src/protocol/horizon). */
  private given(): LabExperimentInput {
    return { ...this.settings, runs: this.runs.map(runInput) };
  }

  /** One run as the trainer takes it. */
  private trainerRun(run: LabRun) {
    return { ...fillRunHorizon(runInput(run), experimentHorizon(this.settings)), id: run.id };
  }

  private onSetting(key: SettingKey, raw: string): void {
    const { [key]: _old, ...rest } = this.settingProblems;
    const problems: Partial<Record<SettingKey, string>> = rest;
    const edit = readSetting(key, raw);
    if (edit.ok) {
      const draft = structuredClone(this.settings);
      edit.apply(draft);
      this.settings = draft;
      if (key === 'dataset') this.editor.follow(draft.dataset);
      this.runner.load(this.input());
    } else {
      problems[key] = edit.message;
    }
    this.settingProblems = problems;
  }

  private updateRun(id: string, change: Partial<LabRun>): void {
    const before = this.runs.find((run) => run.id === id);
    if (!before) return;
    const run = { ...before, ...change };
    this.runs = this.runs.map((r) => (r.id === id ? run : r));
    this.runner.updateRun(this.trainerRun(run), {
      optimizer: change.optimizer !== undefined,
      scheduler: change.scheduler !== undefined,
      swa: 'swa' in change,
    });
  }

  private addRun(): void {
    if (this.runs.length >= MAX_RUNS) return;
    const { id, next } = freshRunId(this.runs, this.nextRunNumber);
    this.nextRunNumber = next;
    const run = labRun(suggestRun(this.runs.map((r) => r.optimizer)), id);
    this.runs = [...this.runs, run];
    this.runner.addRun(this.trainerRun(run));
    this.runner.announcement = `Added run ${this.runs.length}: ${runLabel(run)}.`;
  }

  private removeRun(id: string): void {
    if (this.runs.length <= 1) return;
    const index = this.runs.findIndex((run) => run.id === id);
    this.runs = this.runs.filter((run) => run.id !== id);
    if (this.selectedRunId === id) this.selectedRunId = this.runs[0]?.id;
    this.runner.removeRun(id);
    this.runner.announcement = `Removed run ${index + 1}.`;
    // Focus would be lost with the removed card: move it to a sensible neighbour.
    void this.updateComplete.then(() => focusAfterRemoval(this.renderRoot, index));
  }

  /** Fires optim-error for a failure and says what to show; see describeFailure. */
  private failure(error: Error, kind: FailureKind): string {
    const { detail, shown } = describeFailure(error, kind, this.provenance);
    this.emit('optim-error', detail);
    return shown;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // `runs` is private state, which PropertyValues<this> does not list.
    if ((changed as ReadonlyMap<PropertyKey, unknown>).has('runs')) {
      this.lossPlot?.setRuns(runSpecs(this.runs));
    }
  }

  // ---- rendering -----------------------------------------------------------------------

  private shows(section: LabSection): boolean {
    return !this.hiddenSections.has(section);
  }

  /** The row of lab-wide tools; each is its own small piece. */
  private labTools(): TemplateResult | typeof nothing {
    const pieces = [
      this.shows('edit-data') ? this.editDataToggle() : undefined,
      this.shows('share') ? this.sharing.renderToggle() : undefined,
      this.shows('pytorch') ? pytorchControl(this.input()) : undefined,
    ].filter((piece) => piece !== undefined);
    if (pieces.length === 0) return nothing;
    return html`<div class="tools" part="tools" role="group" aria-label="Lab tools">
      ${pieces}
    </div>`;
  }

  private editDataToggle(): TemplateResult {
    return html`<button
      type="button"
      part="edit-data"
      aria-pressed=${this.editor.open ? 'true' : 'false'}
      @click=${() => this.editor.toggle()}
    >
      Edit data
    </button>`;
  }

  private get selectedRun(): LabRun | undefined {
    return this.runs.find((run) => run.id === this.selectedRunId) ?? this.runs[0];
  }

  override render(): TemplateResult {
    const runner = this.runner;
    const more = [
      ...Object.values(this.settingProblems),
      ...(runner.problem ? [runner.problem] : []),
      ...(this.sharing.problem ? [this.sharing.problem] : []),
    ];
    return html`
      <div class="lab" part="base">
        ${this.renderProblems(more)}
        ${setupForm({
          settings: this.settings,
          problems: this.settingProblems,
          shows: (section) => this.shows(section),
          onChange: (key, raw) => this.onSetting(key, raw),
        })}
        ${this.labTools()}
        ${this.shows('edit-data') ? this.editor.render(this.boundaries.gridOf(this.selectedRun?.id)) : nothing}
        ${this.shows('share') ? this.sharing.render() : nothing}
        ${
          this.shows('runs')
            ? runsSection({
                runs: this.runs,
                tracker: runner.tracker,
                horizon: runner.horizon,
                onAdd: () => this.addRun(),
                onChange: (id, change) => this.updateRun(id, change),
                onRemove: (id) => this.removeRun(id),
              })
            : nothing
        }
        ${controlsBar({
          snapshot: runner.tracker.snapshots()[0],
          state: runner.state,
          totalSteps: runner.horizon.totalSteps,
          hidden: !this.shows('controls'),
          onPlay: () => void this.start(),
          onPause: () => void this.pause(),
          onStep: () => void this.step(1),
          onReset: () => void this.reset(),
        })}
        ${this.shows('backend') ? backendLine(runner.backendInfo, runner.connection) : nothing}
        <div class="alert" part="alert" role="alert">
          ${runner.alerts.map((message) => html`<p>${message}</p>`)}
        </div>
        ${
          this.shows('lr-finder')
            ? this.finder.render({
                runs: this.runs,
                selectedId: this.selectedRunId,
                open: this.lrFinder,
                onSelect: (id) => (this.selectedRunId = id),
              })
            : nothing
        }
        ${plotsPanel({
          runs: this.runs,
          selected: this.selectedRun,
          horizon: runner.horizon,
          showLr: this.shows('lr-curve'),
          showLoss: this.shows('loss-plot'),
          onSelect: (id) => (this.selectedRunId = id),
        })}
        ${this.shows('boundary') ? this.boundaries.render(this.runs) : nothing}
        ${this.shows('ranking') ? this.ranking.render() : nothing}
        <p class="summary ${this.shows('summary') ? '' : 'visually-hidden'}" part="summary">
          ${summaryText(runner.tracker.snapshots())}
        </p>
        <p class="visually-hidden" role="status" aria-live="polite">${runner.announcement}</p>
      </div>
    `;
  }
}
