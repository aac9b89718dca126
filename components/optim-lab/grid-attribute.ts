/**
 * The lab's `grid` attribute (`{"lr":[0.01,0.1],"momentum":[0,0.9]}`): expands the first
 * run into one run per combination with the TF-free `gridRuns`, and, once training is
 * done, ranks the runs by validation loss in a table. Every problem is worded against the
 * attribute (`grid: ...`) so an author knows what to fix.
 */
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { LabRunInput } from '../../src/protocol/horizon';
import { ConfigError } from '../../src/protocol/validation';
import { gridRuns, rankRuns } from '../../src/train/grid-search';
import type { GridSpec, RankedRun } from '../../src/train/grid-search';
import type { ExperimentController } from '../controllers/experiment-controller';
import { rankingTable } from './ranking-table';
import type { Parsed } from './read-values';

/** The runs the grid makes from the first of `runs`; a message starting `grid: ` if it cannot. */
export function expandGrid(raw: string, runs: readonly LabRunInput[]): Parsed<LabRunInput[]> {
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

/**
 * The ranking of a finished grid search: a @lit/task that asks the worker for every run's
 * final numbers once training ends, keyed by the epoch it ended in (so a ranking from
 * before a reset or a new experiment is dropped).
 */
export class GridRanking {
  private readonly task: Task<[number | undefined], RankedRun[]>;

  constructor(
    host: ReactiveControllerHost,
    experiment: ExperimentController,
    enabled: () => boolean,
  ) {
    this.task = new Task(host, {
      args: () => [enabled() ? experiment.endedEpoch : undefined] as [number | undefined],
      task: async ([ended]) => {
        if (ended === undefined) return initialState;
        const state = await experiment.ifActive((client) => client.getState());
        // The table sums up what the plots show: without an answer it is left out.
        return state ? rankRuns(state) : initialState;
      },
    });
  }

  get runs(): readonly RankedRun[] | undefined {
    return this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
  }

  render(): TemplateResult | typeof nothing {
    const ranked = this.runs;
    if (!ranked) return nothing;
    // A narrow screen scrolls the table sideways: the region is focusable so a keyboard can too.
    return html`<div
      class="ranking"
      part="ranking"
      role="region"
      aria-label="Grid search ranking"
      tabindex="0"
    >
      ${rankingTable(ranked, 'Grid search: runs ranked by validation loss, best first')}
    </div>`;
  }
}
