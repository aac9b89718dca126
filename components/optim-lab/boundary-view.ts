/**
 * The lab's decision-boundary pictures: the experiment's points, fetched once the worker
 * holds it, and each run's predictions on a grid when asked (about every 2 s while training,
 * and on pause, step and end), one request at a time so a slow backend is never flooded.
 * Both are @lit/tasks keyed by the experiment's epoch: an answer from an older epoch is
 * dropped (see ExperimentController). A run with Stochastic Weight Averaging gets a toggle
 * under its picture: its own weights, or its SWA average (once the average holds a model).
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { GridPrediction, GridWeights } from '../../src/protocol/api';
import type { ExperimentController } from '../controllers/experiment-controller';
import '../optim-data-view/index';
import { runLabel } from './run-list';
import type { LabRun } from './run-list';
import { runSummary, validationWords } from './run-tracker';
import type { RunSnapshot } from './run-tracker';

/** Grid points per axis: 32 x 32 forward passes are cheap and read as a smooth picture. */
export const BOUNDARY_GRID = 32;
/** While training, predictions are asked for at most this often. */
const REFRESH_MS = 2000;

/** A run's picture: its predictions, and whose weights made them. */
interface ShownGrid {
  grid: GridPrediction;
  weights: GridWeights;
}

export class BoundaryView {
  private readonly dataset: Task<[number | undefined], Awaited<ReturnType<typeof fetchData>>>;
  private readonly predictions: Task<
    [number, number, string],
    { epoch: number; grids: Map<string, ShownGrid> }
  >;
  /** The epoch and count of the last refresh asked for (a new count runs the task). */
  private asked = { epoch: -1, count: 0 };
  private lastAsked = -Infinity;
  /** Runs whose picture the reader switched to the SWA average. */
  private averaged = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly experiment: ExperimentController,
    private readonly runIds: () => readonly string[],
  ) {
    this.dataset = new Task(host, {
      args: () => [experiment.configuredEpoch] as [number | undefined],
      task: async ([epoch]) => (epoch === undefined ? initialState : fetchData(experiment)),
    });
    this.predictions = new Task(host, {
      // The toggles are arguments: switching one asks again at once.
      args: () =>
        [this.asked.epoch, this.asked.count, [...this.averaged].sort().join(' ')] as [
          number,
          number,
          string,
        ],
      task: async ([epoch]) => {
        if (epoch !== experiment.epoch) return initialState;
        const grids = new Map<string, ShownGrid>();
        for (const id of this.runIds()) {
          const weights = this.weightsFor(id);
          const grid = await experiment.ifActive((client) =>
            client.predictGrid(id, BOUNDARY_GRID, { weights }),
          );
          if (grid) grids.set(id, { grid, weights });
        }
        return { epoch, grids };
      },
    });
  }

  /** The SWA average where the reader asked for it and it holds a model; else the run's own. */
  private weightsFor(runId: string): GridWeights {
    return this.averaged.has(runId) && this.experiment.tracker.get(runId)?.swa ? 'swa' : 'run';
  }

  /** Shows run `runId`'s SWA average (`on`) or its own weights. */
  showAverage(runId: string, on: boolean): void {
    const next = new Set(this.averaged);
    if (on) next.add(runId);
    else next.delete(runId);
    this.averaged = next;
    this.lastAsked = performance.now();
    this.asked = { epoch: this.experiment.epoch, count: this.asked.count + 1 };
    this.host.requestUpdate();
  }

  /** Asks for new predictions, unless some are on their way (or, if `throttled`, were lately). */
  refresh(throttled = false): void {
    const now = performance.now();
    if (this.predictions.status === TaskStatus.PENDING) return;
    if (throttled && now - this.lastAsked < REFRESH_MS) return;
    if (!this.experiment.active || this.runIds().length === 0) return;
    this.lastAsked = now;
    this.asked = { epoch: this.experiment.epoch, count: this.asked.count + 1 };
    this.predictions.run();
  }

  /** Run `runId`'s latest predictions in this epoch, if there are any. */
  gridOf(runId: string | undefined): GridPrediction | undefined {
    const shown = this.predictions.value;
    if (runId === undefined || shown?.epoch !== this.experiment.epoch) return undefined;
    return shown.grids.get(runId)?.grid;
  }

  /** One picture per run, captioned with its number, label and latest numbers. */
  render(runs: readonly LabRun[]): TemplateResult | typeof nothing {
    const data = this.dataset.status === TaskStatus.INITIAL ? undefined : this.dataset.value;
    if (!data) return nothing;
    const shown = this.predictions.value;
    const grids = shown?.epoch === this.experiment.epoch ? shown.grids : undefined;
    return html`<ul class="boundaries" part="boundaries" aria-label="Decision boundaries">
      ${runs.map((run, index) => {
        const stats = this.experiment.tracker.get(run.id);
        const entry = grids?.get(run.id);
        const average = entry?.weights === 'swa';
        const name = `Run ${index + 1}: ${runLabel(run)}`;
        return html`<li class="boundary">
          <optim-data-view
            .data=${data}
            .grid=${entry?.grid}
            caption=${average ? `${name}, SWA average` : name}
            description=${pictureDescription(stats, average)}
          ></optim-data-view>
          ${run.swa ? this.renderToggle(run, index, stats) : nothing}
        </li>`;
      })}
    </ul>`;
  }

  /** The switch between a run's weights and its SWA average, and when the average begins. */
  private renderToggle(run: LabRun, index: number, stats: RunSnapshot | undefined) {
    const on = this.averaged.has(run.id);
    const waiting = on && !stats?.swa;
    const start = run.swa?.start ?? 0;
    return html`<button
        type="button"
        part="swa-toggle"
        class="swa-toggle"
        aria-pressed=${on ? 'true' : 'false'}
        aria-label="Show the SWA average of run ${index + 1}"
        @click=${() => this.showAverage(run.id, !on)}
      >
        SWA average
      </button>
      ${
        waiting
          ? html`<span class="hint" part="swa-hint"
              >The average begins at the end of epoch ${start + 1}; until then, the run's own
              weights.</span
            >`
          : nothing
      }`;
  }
}

/** The picture's words: the run's latest numbers, or its SWA average's when it shows that. */
function pictureDescription(stats: RunSnapshot | undefined, average: boolean): string {
  if (!stats) return '';
  if (!average || !stats.swa) return runSummary(stats);
  const { valAccuracy, valLoss, step } = stats.swa;
  return `${stats.label}, SWA average: ${validationWords(valLoss, valAccuracy)} at step ${step}`;
}

/** The experiment's points; a failure only leaves the pictures out (training reports it). */
async function fetchData(experiment: ExperimentController) {
  return experiment.ifActive((client) => client.getDataset()).catch(() => undefined);
}
