/**
 * The lab's "Find LR" panel: runs the worker's LR range test for one run's optimizer (on a
 * throwaway copy of the model, so the runs are untouched), shows the result in
 * <lr-finder-plot>, and hands the lr a reader picks back to the lab. While the test runs the
 * button is disabled and the panel says it is busy; a failure is shown in the panel.
 */
import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OptimizerConfig } from '../../src/optim/types';
import type { LrFinderResult } from '../../src/protocol/api';
import type { ExperimentController } from '../controllers/experiment-controller';
import '../lr-finder-plot/index';
import type { LrPickDetail } from '../lr-finder-plot/index';
import { formatValue } from '../plot/format';
import { runLabel } from './run-list';
import type { LabRun } from './run-list';

export interface FinderRun {
  id: string;
  label: string;
  optimizer: OptimizerConfig;
}

export interface LrFinderPanelOptions {
  /** The test failed: the lab fires `optim-error`. */
  onError: (message: string) => void;
  /** The reader picked `lr` for run `runId`. */
  onPick: (runId: string, lr: number) => void;
}

export interface LrFinderRenderOptions {
  runs: readonly LabRun[];
  selectedId: string | undefined;
  open: boolean;
  onSelect: (runId: string) => void;
}

interface Tested {
  run: FinderRun;
  result: LrFinderResult;
}

/**
 * The test is a @lit/task run on demand: its status is the panel's busy state, its error
 * the panel's message. It runs in the experiment's queue, with training paused.
 */
export class LrFinderPanel {
  private readonly task: Task<[FinderRun], Tested | undefined>;
  private note = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    experiment: ExperimentController,
    private readonly options: LrFinderPanelOptions,
  ) {
    this.task = new Task(host, {
      autoRun: false,
      task: async ([run]) => {
        this.note = `Running the LR range test for ${run.label}…`;
        const result = await experiment.whenPaused((client) =>
          client.findLr({ optimizer: run.optimizer }),
        );
        this.note = result ? `LR range test done for ${run.label}.` : '';
        return result ? { run, result } : this.task.value;
      },
      onError: (error) => {
        this.note = '';
        this.options.onError(error instanceof Error ? error.message : String(error));
      },
    });
  }

  get running(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** Runs the LR range test for `run`; resolves when it is done (or failed). */
  async find(run: FinderRun): Promise<void> {
    if (this.running) return;
    await this.task.run([run]).catch(() => {});
  }

  private pick(lr: number): void {
    const tested = this.task.value?.run;
    if (!tested) return;
    this.options.onPick(tested.id, lr);
    this.note = `${tested.label} now uses lr = ${formatValue(lr)}.`;
    this.host.requestUpdate();
  }

  render(o: LrFinderRenderOptions): TemplateResult | typeof nothing {
    const runs: FinderRun[] = o.runs.map((r) => ({ ...r, label: runLabel(r) }));
    const run = runs.find((r) => r.id === o.selectedId) ?? runs[0];
    if (!run) return nothing;
    const index = runs.indexOf(run);
    const busy = this.running;
    const failure = this.task.status === TaskStatus.ERROR ? errorText(this.task.error) : undefined;
    const result = this.task.value?.result;
    return html`<details class="lr-finder" part="lr-finder" ?open=${o.open}>
      <summary>Find a learning rate (LR range test)</summary>
      <div class="finder-body" aria-busy=${busy ? 'true' : 'false'}>
        <p class="hint">
          Trains a throwaway copy of the model for 100 steps while the lr grows from 1e-7 to 10, and
          plots the loss at each lr. Pick an lr where the loss still falls steeply, well before it
          blows up. The runs are not touched.
        </p>
        <div class="finder-actions">
          ${
            runs.length > 1
              ? html`<div class="field" part="field">
                  <label for="finder-run">Test run</label>
                  <select
                    id="finder-run"
                    .value=${live(run.id)}
                    ?disabled=${busy}
                    @change=${(e: Event) => o.onSelect((e.target as HTMLSelectElement).value)}
                  >
                    ${runs.map(
                      (r, i) =>
                        html`<option value=${r.id} ?selected=${r.id === run.id}>
                          Run ${i + 1}: ${r.label}
                        </option>`,
                    )}
                  </select>
                </div>`
              : nothing
          }
          <button
            part="find-lr-button"
            class="primary"
            type="button"
            ?disabled=${busy}
            aria-busy=${busy ? 'true' : 'false'}
            @click=${() => void this.find(run)}
          >
            ${busy ? 'Finding LR…' : `Find LR for run ${index + 1}`}
          </button>
        </div>
        ${
          failure
            ? html`<p class="field-error" part="finder-error" role="alert">${failure}</p>`
            : nothing
        }
        ${
          result
            ? html`<lr-finder-plot
                part="lr-finder-plot"
                .result=${result}
                @lr-pick=${(e: CustomEvent<LrPickDetail>) => this.pick(e.detail.lr)}
              ></lr-finder-plot>`
            : nothing
        }
        <p class="hint" part="finder-status" role="status">${this.note}</p>
      </div>
    </details>`;
  }
}

function errorText(error: unknown): string {
  return `The LR range test failed: ${error instanceof Error ? error.message : String(error)}`;
}
