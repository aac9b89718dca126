/**
 * The lab's decision-boundary pictures: the experiment's points, fetched once the worker
 * holds it, and each run's predictions on a grid when asked (about every 2 s while training,
 * and on pause, step and end), one request at a time so a slow backend is never flooded.
 * Both are @lit/tasks keyed by the experiment's epoch: an answer from an older epoch is
 * dropped (see ExperimentController).
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { GridPrediction } from '../../src/protocol/api';
import type { ExperimentController } from '../controllers/experiment-controller';
import '../optim-data-view/index';
import { runLabel } from './run-list';
import type { LabRun } from './run-list';
import { runSummary } from './run-tracker';

/** Grid points per axis: 32 x 32 forward passes are cheap and read as a smooth picture. */
export const BOUNDARY_GRID = 32;
/** While training, predictions are asked for at most this often. */
const REFRESH_MS = 2000;

export class BoundaryView {
  private readonly dataset: Task<[number | undefined], Awaited<ReturnType<typeof fetchData>>>;
  private readonly predictions: Task<
    [number, number],
    { epoch: number; grids: Map<string, GridPrediction> }
  >;
  /** The epoch and count of the last refresh asked for (a new count runs the task). */
  private asked = { epoch: -1, count: 0 };
  private lastAsked = -Infinity;

  constructor(
    host: ReactiveControllerHost,
    private readonly experiment: ExperimentController,
    private readonly runIds: () => readonly string[],
  ) {
    this.dataset = new Task(host, {
      args: () => [experiment.configuredEpoch] as [number | undefined],
      task: async ([epoch]) => (epoch === undefined ? initialState : fetchData(experiment)),
    });
    this.predictions = new Task(host, {
      args: () => [this.asked.epoch, this.asked.count] as [number, number],
      task: async ([epoch]) => {
        if (epoch !== experiment.epoch) return initialState;
        const grids = new Map<string, GridPrediction>();
        for (const id of this.runIds()) {
          const grid = await experiment.ifActive((client) => client.predictGrid(id, BOUNDARY_GRID));
          if (grid) grids.set(id, grid);
        }
        return { epoch, grids };
      },
    });
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
    return shown.grids.get(runId);
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
        return html`<li class="boundary">
          <optim-data-view
            .data=${data}
            .grid=${grids?.get(run.id)}
            caption="Run ${index + 1}: ${runLabel(run)}"
            description=${stats ? runSummary(stats) : ''}
          ></optim-data-view>
        </li>`;
      })}
    </ul>`;
  }
}

/** The experiment's points; a failure only leaves the pictures out (training reports it). */
async function fetchData(experiment: ExperimentController) {
  return experiment.ifActive((client) => client.getDataset()).catch(() => undefined);
}
