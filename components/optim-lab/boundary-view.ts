/**
 * The lab's decision-boundary pictures: fetches the experiment's points once per configure
 * and each run's predictions on a grid when asked (about once a second while training, and
 * on pause / end), one request at a time so a slow backend is never flooded.
 */
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { DatasetView, GridPrediction } from '../../src/protocol/api.js';
import type { TrainerClient } from '../../workers/client.js';
import type { TrainerController } from '../controllers/trainer-controller.js';
import '../data-view/index.js';

/** Grid points per axis: 32 x 32 forward passes are cheap and read as a smooth picture. */
export const BOUNDARY_GRID = 32;

export class BoundaryView {
  private data: DatasetView | undefined;
  private readonly grids = new Map<string, GridPrediction>();
  private inFlight = false;
  /** Bumped by clear(): answers to requests made before it are dropped. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly trainer: TrainerController,
  ) {}

  /** A new experiment: fetch its points. */
  configure(client: TrainerClient): void {
    const generation = ++this.generation;
    this.data = undefined;
    client.getDataset().then(
      (data) => {
        if (generation !== this.generation) return;
        this.data = data;
        this.host.requestUpdate();
      },
      () => {
        // The picture is a nicety: a failure here is reported by the training calls.
      },
    );
  }

  /** Drops the predictions (the points stay: same experiment, back to step 0). */
  clear(): void {
    this.generation += 1;
    this.grids.clear();
  }

  /** Drops the points as well: the experiment changed. */
  forget(): void {
    this.clear();
    this.data = undefined;
  }

  refresh(runIds: readonly string[]): void {
    if (this.inFlight || !this.trainer.active || runIds.length === 0) return;
    this.inFlight = true;
    const generation = this.generation;
    void (async () => {
      try {
        for (const id of runIds) {
          const grid = await this.trainer.ifActive((client) =>
            client.predictGrid(id, BOUNDARY_GRID),
          );
          if (generation !== this.generation || !grid) return;
          this.grids.set(id, grid);
        }
      } catch {
        // A run removed meanwhile, or the worker gone: the next refresh tries again.
      } finally {
        this.inFlight = false;
        this.host.requestUpdate();
      }
    })();
  }

  render(
    runs: ReadonlyArray<{ id: string; caption: string; description: string }>,
  ): TemplateResult | typeof nothing {
    if (!this.data) return nothing;
    return html`<ul class="boundaries" part="boundaries" aria-label="Decision boundaries">
      ${runs.map(
        (run) =>
          html`<li class="boundary">
            <data-view
              .data=${this.data}
              .grid=${this.grids.get(run.id)}
              caption=${run.caption}
              description=${run.description}
            ></data-view>
          </li>`,
      )}
    </ul>`;
  }
}
