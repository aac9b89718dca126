/**
 * The lab's "Edit data" mode: an editable <optim-data-view> over the selected run's
 * predictions, "Start from this dataset" and "Clear", and CSV in and out (csv-panel.ts).
 * The points become the experiment's custom dataset: the lab stores every edit at once (so
 * `experiment`, a shared link and the CSV are current) and reconfigures the worker once the
 * edits pause for EDIT_SETTLE_MS, restarting a training that was running. Training always
 * runs on what the editor shows: the lab flushes a pending reconfigure before it trains.
 */
import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { createDataset } from '../../src/data/dataset';
import { CsvError, formatCsvPoints, parseCsvPoints } from '../../src/data/csv';
import { CUSTOM_DATASET, MAX_CUSTOM_POINTS } from '../../src/protocol/custom-points';
import { parseExperimentConfig } from '../../src/protocol/experiment';
import type { DatasetConfigInput, ExperimentConfigInput } from '../../src/protocol/experiment';
import type { GridPrediction, TaskKind } from '../../src/protocol/api';
import { ConfigError } from '../../src/protocol/validation';
import '../optim-data-view/index';
import type { OptimDataView } from '../optim-data-view/optim-data-view';
import { DEFAULT_EDIT_PLANE } from '../optim-data-view/point-editing';
import type { EditPoint, Plane } from '../optim-data-view/point-editing';
import { BlobLink } from '../shared/blob-link';
import { csvPanel } from './csv-panel';
import {
  customDataset,
  customPointsOf,
  editableType,
  generatedTask,
  planeOfPoints,
  pointsOfDataset,
  taskOfPoints,
} from './data-points';
import { DATASET_LABELS } from './vocabulary';

/** Edits this close together make one reconfigure (a drag, a run of arrow keys). */
export const EDIT_SETTLE_MS = 400;

export interface DataEditorOptions {
  /** The experiment as the lab holds it now. */
  experiment: () => ExperimentConfigInput;
  /** Stores the edited dataset in the lab's settings (at once, on every edit). */
  store: (dataset: DatasetConfigInput) => void;
  /** Hands the stored experiment to the worker (debounced). */
  reconfigure: () => void;
}

export class DataEditor implements ReactiveController {
  /** Whether the editor is shown. */
  open = false;
  private points: readonly EditPoint[] = [];
  private task: TaskKind = 'binary';
  private plane: Plane = DEFAULT_EDIT_PLANE;
  private pointClass: 0 | 1 = 1;
  private note = '';
  private csvText = '';
  private csvProblem = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly csvLink = new BlobLink();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DataEditorOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.flush();
    this.csvLink.dispose();
  }

  /** The points shown (the dataset's, once edited). */
  get editedPoints(): readonly EditPoint[] {
    return this.points;
  }

  /** Whether an edit waits to reach the worker. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Hands a waiting edit to the worker now (before training starts). */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.options.reconfigure();
  }

  /**
   * The lab's dataset changed from outside (attributes, a shared state, the dataset
   * select): show its points, or an empty plane for a generated dataset.
   */
  follow(dataset: DatasetConfigInput | undefined): void {
    const points = customPointsOf(dataset);
    if (points) {
      if (samePoints(points, this.points)) return;
      this.show(points, taskOfPoints(points, this.task), planeOfPoints(points));
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const type = dataset?.type;
    const task = type && type !== CUSTOM_DATASET ? generatedTask(type) : 'binary';
    this.show([], task, DEFAULT_EDIT_PLANE);
  }

  toggle(): void {
    this.open = !this.open;
    this.host.requestUpdate();
  }

  render(grid: GridPrediction | undefined): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const dataset = this.options.experiment().dataset;
    const type = dataset?.type ?? 'circle';
    const generated = type !== CUSTOM_DATASET;
    const startable = generated && editableType(type);
    const empty = this.points.length === 0;
    // A grid from another plane shape (a generated dataset's before the first edit) would
    // mislead: show predictions only for the points being edited.
    const shownGrid = generated ? undefined : grid;
    return html`<div
      role="group"
      class="data-editor tool-panel"
      part="data-editor"
      aria-labelledby="data-editor-title"
    >
      <h2 class="section-title" id="data-editor-title">Data editor</h2>
      <p class="hint" id="data-editor-about">
        ${
          generated
            ? `The lab trains on ${DATASET_LABELS[type]}. Add points here to train on your own instead. `
            : ''
        }Editing
        the data restarts training from step 0. At most ${MAX_CUSTOM_POINTS} points.
      </p>
      <div class="editor-actions">
        ${
          generated
            ? html`<button
                type="button"
                part="start-from-dataset"
                ?disabled=${!startable}
                aria-describedby=${startable ? nothing : 'start-from-why'}
                @click=${() => this.startFromDataset()}
              >
                Start from this dataset
              </button>`
            : nothing
        }
        <button type="button" part="clear-points" ?disabled=${empty} @click=${() => this.clear()}>
          Clear
        </button>
        ${empty ? this.taskSelect() : html`<span class="hint">${this.taskWords()}</span>`}
      </div>
      ${
        generated && !startable
          ? html`<p class="hint" id="start-from-why">
              ${DATASET_LABELS[type]} has two inputs and a real-valued target, which custom points
              cannot hold (they are x1, x2, label or x, y).
            </p>`
          : nothing
      }
      <optim-data-view
        editable
        part="point-editor"
        .points=${this.points}
        .task=${this.task}
        .plane=${this.plane}
        .grid=${shownGrid}
        point-class=${this.pointClass}
        caption=${shownGrid ? 'Behind the points: the selected run\u2019s predictions' : ''}
        @change=${this.onEdited}
        @input=${this.onEdited}
      ></optim-data-view>
      <p class="note" part="data-note" role="status">${this.note}</p>
      ${csvPanel({
        text: this.csvText,
        problem: this.csvProblem,
        canDownload: !empty,
        onText: (text) => (this.csvText = text),
        onLoad: () => this.loadCsv(this.csvText),
        onFile: (file) => void this.loadFile(file),
        onDownload: (anchor) =>
          this.csvLink.follow(anchor, formatCsvPoints(this.customPoints()), 'text/csv'),
      })}
    </div>`;
  }

  private taskSelect(): TemplateResult {
    return html`<label class="inline-field">
      Points are
      <select
        part="points-kind"
        .value=${this.task}
        @change=${(event: Event) => {
          this.task = (event.target as HTMLSelectElement).value as TaskKind;
          this.host.requestUpdate();
        }}
      >
        <option value="binary" ?selected=${this.task === 'binary'}>
          two classes (x1, x2, label)
        </option>
        <option value="regression" ?selected=${this.task === 'regression'}>
          regression (x, y)
        </option>
      </select>
    </label>`;
  }

  private taskWords(): string {
    const n = this.points.length;
    return this.task === 'binary'
      ? `${n} point${n === 1 ? '' : 's'} of two classes`
      : `${n} regression point${n === 1 ? '' : 's'} (y over x)`;
  }

  private readonly onEdited = (event: Event) => {
    const view = event.currentTarget as OptimDataView;
    this.pointClass = view.pointClass;
    this.points = view.points;
    // A drag in progress is the view's to show; the lab hears of it once it is done.
    if (event.type !== 'change') return;
    this.note = '';
    this.commit();
  };

  /** Stores the points as the dataset now, and reconfigures once the edits settle. */
  private commit(): void {
    this.options.store(customDataset(this.options.experiment().dataset, this.points));
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.options.reconfigure();
    }, EDIT_SETTLE_MS);
    this.host.requestUpdate();
  }

  private show(points: readonly EditPoint[], task: TaskKind, plane: Plane): void {
    this.points = points;
    this.task = task;
    this.plane = plane;
    this.host.requestUpdate();
  }

  private startFromDataset(): void {
    const { seed, dataset } = this.options.experiment();
    let view;
    try {
      // Only the dataset matters here: any valid run completes the config.
      const config = parseExperimentConfig({
        seed,
        dataset,
        runs: [{ optimizer: { type: 'SGD' } }],
      });
      view = createDataset(config.dataset);
    } catch (error) {
      // The settings are refused elsewhere too (the problems list): say why here as well.
      this.note = `The current dataset cannot be made: ${error instanceof ConfigError ? error.message : String(error)}`;
      this.host.requestUpdate();
      return;
    }
    const start = pointsOfDataset(view);
    if (!start) return;
    this.show(start.points, start.task, start.plane);
    this.note =
      `Started from the dataset's ${start.points.length} points` +
      (start.dropped ? ` (${start.dropped} more left out: at most ${MAX_CUSTOM_POINTS}).` : '.');
    this.commit();
  }

  private clear(): void {
    this.show([], this.task, DEFAULT_EDIT_PLANE);
    this.note = 'Cleared: add at least one point to train.';
    this.commit();
  }

  private loadCsv(text: string, source = 'The CSV'): void {
    try {
      const { points, task } = parseCsvPoints(text);
      this.csvProblem = '';
      this.show(points, task, planeOfPoints(points));
      this.note = `${source} gave ${points.length} point${points.length === 1 ? '' : 's'}.`;
      this.commit();
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      this.csvProblem = source === 'The CSV' ? error.message : `${source}: ${error.message}`;
      this.host.requestUpdate();
    }
  }

  private async loadFile(file: File): Promise<void> {
    this.csvText = await file.text();
    this.loadCsv(this.csvText, file.name);
  }

  private customPoints() {
    return customDataset(undefined, this.points).points ?? [];
  }
}

function samePoints(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => p.length === b[i].length && p.every((v, j) => v === b[i][j]))
  );
}
