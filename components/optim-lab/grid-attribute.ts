/**
 * The lab's `grid` attribute (`{"lr":[0.01,0.1],"momentum":[0,0.9]}`): expands the first
 * run into one run per combination with the TF-free `gridRuns`, and, once training is
 * done, ranks the runs by validation loss in a table. Every problem is worded against the
 * attribute (`grid: ...`) so an author knows what to fix.
 */
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { ConfigError } from '../../src/protocol/experiment.js';
import type { RunConfigInput } from '../../src/protocol/experiment.js';
import { gridRuns, rankRuns } from '../../src/train/grid-search.js';
import type { GridSpec, RankedRun } from '../../src/train/grid-search.js';
import type { TrainerController } from '../controllers/trainer-controller.js';
import { formatValue } from '../plot/format.js';
import type { Parsed } from './attributes.js';

/** The runs the grid makes from the first of `runs`; a message starting `grid: ` if it cannot. */
export function expandGrid(raw: string, runs: readonly RunConfigInput[]): Parsed<RunConfigInput[]> {
  let grid: unknown;
  try {
    grid = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `grid: not valid JSON (${reason}); expected e.g. {"lr":[0.01,0.1],"momentum":[0,0.9]}`,
    };
  }
  const base = runs[0];
  if (!base) return { ok: false, message: 'grid: there is no run to expand' };
  try {
    return { ok: true, value: gridRuns(base, grid as GridSpec) };
  } catch (error) {
    if (error instanceof ConfigError) {
      const where = error.path === 'grid' ? '' : ` (${error.path})`;
      return { ok: false, message: `grid: ${error.detail}${where}` };
    }
    return {
      ok: false,
      message: `grid: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const percent = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '–');
const loss = (v: number) => (Number.isFinite(v) ? formatValue(v) : '–');

/** The ranking of a finished grid search, fetched from the worker once training ends. */
export class GridRanking {
  private ranked: RankedRun[] | undefined;
  /** Bumped by clear(): a ranking asked for before it is dropped. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly trainer: TrainerController,
  ) {}

  get runs(): readonly RankedRun[] | undefined {
    return this.ranked;
  }

  clear(): void {
    this.generation += 1;
    this.ranked = undefined;
  }

  /** Asks the worker for every run's final numbers and ranks them. */
  refresh(): void {
    const generation = ++this.generation;
    this.trainer
      .ifActive((client) => client.getState())
      .then(
        (state) => {
          if (!state || generation !== this.generation) return;
          this.ranked = rankRuns(state);
          this.host.requestUpdate();
        },
        () => {
          // The table is a summary of what the plots show: a failed fetch only leaves it out.
        },
      );
  }

  render(): TemplateResult | typeof nothing {
    const ranked = this.ranked;
    if (!ranked) return nothing;
    // A narrow screen scrolls the table sideways: the region is focusable so a keyboard can too.
    return html`<div
      class="ranking"
      part="ranking"
      role="region"
      aria-label="Grid search ranking"
      tabindex="0"
    >
      <table>
        <caption>
          Grid search: runs ranked by validation loss, best first
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Run</th>
            <th scope="col">Val loss</th>
            <th scope="col">Val accuracy</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          ${ranked.map(
            (run, index) =>
              html`<tr>
                <td>${index + 1}</td>
                <th scope="row">${run.label}</th>
                <td>${loss(run.valLoss)}</td>
                <td>${percent(run.valAccuracy)}</td>
                <td>${run.status}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
