/**
 * The lab's "Find LR" panel: runs the worker's LR range test for one run's optimizer (on a
 * throwaway copy of the model, so the runs are untouched), shows the result in
 * <lr-finder-plot>, and hands the lr a reader picks back to the lab. While the test runs the
 * button is disabled and the panel says it is busy; a failure is shown in the panel.
 */
import { html, nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OptimizerConfig } from '../../src/optim/types.js';
import type { LrFinderResult } from '../../src/protocol/api.js';
import type { TrainerClient } from '../../workers/client.js';
import '../lr-finder-plot/index.js';
import type { LrPickDetail } from '../lr-finder-plot/index.js';
import { formatValue } from '../plot/format.js';

export interface FinderRun {
  id: string;
  label: string;
  optimizer: OptimizerConfig;
}

export interface LrFinderPanelOptions {
  /** Runs `action` in the lab's queue of worker calls, after any call in flight. */
  enqueue: (action: () => Promise<void>) => Promise<void>;
  /** Pauses training if it runs and configures the worker; undefined if the config was refused. */
  prepare: () => Promise<TrainerClient | undefined>;
  /** The test failed: the lab fires `optim-error`. */
  onError: (message: string) => void;
  /** The reader picked `lr` for run `runId`. */
  onPick: (runId: string, lr: number) => void;
}

export interface LrFinderRenderOptions {
  runs: readonly FinderRun[];
  selectedId: string | undefined;
  open: boolean;
  onSelect: (runId: string) => void;
}

export class LrFinderPanel {
  private busy = false;
  private result: LrFinderResult | undefined;
  /** The run the shown result was measured for. */
  private testedRun: { id: string; label: string } | undefined;
  private error: string | undefined;
  private note = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LrFinderPanelOptions,
  ) {}

  get running(): boolean {
    return this.busy;
  }

  /** Runs the LR range test for `run`; resolves when it is done (or failed). */
  find(run: FinderRun): Promise<void> {
    if (this.busy) return Promise.resolve();
    this.busy = true;
    this.error = undefined;
    this.note = `Running the LR range test for ${run.label}…`;
    this.host.requestUpdate();
    return this.options.enqueue(async () => {
      try {
        const client = await this.options.prepare();
        if (!client) {
          this.note = '';
          return;
        }
        this.result = await client.findLr({ optimizer: run.optimizer });
        this.testedRun = { id: run.id, label: run.label };
        this.note = `LR range test done for ${run.label}.`;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.error = `The LR range test failed: ${message}`;
        this.note = '';
        this.options.onError(message);
      } finally {
        this.busy = false;
        this.host.requestUpdate();
      }
    });
  }

  private pick(lr: number): void {
    const tested = this.testedRun;
    if (!tested) return;
    this.options.onPick(tested.id, lr);
    this.note = `${tested.label} now uses lr = ${formatValue(lr)}.`;
    this.host.requestUpdate();
  }

  render(o: LrFinderRenderOptions): TemplateResult | typeof nothing {
    const run = o.runs.find((r) => r.id === o.selectedId) ?? o.runs[0];
    if (!run) return nothing;
    const index = o.runs.indexOf(run);
    return html`<details class="lr-finder" part="lr-finder" ?open=${o.open}>
      <summary>Find a learning rate (LR range test)</summary>
      <div class="finder-body" aria-busy=${this.busy ? 'true' : 'false'}>
        <p class="hint">
          Trains a throwaway copy of the model for 100 steps while the lr grows from 1e-7 to 10, and
          plots the loss at each lr. Pick an lr where the loss still falls steeply, well before it
          blows up. The runs are not touched.
        </p>
        <div class="finder-actions">
          ${
            o.runs.length > 1
              ? html`<div class="field" part="field">
                  <label for="finder-run">Test run</label>
                  <select
                    id="finder-run"
                    .value=${live(run.id)}
                    ?disabled=${this.busy}
                    @change=${(e: Event) => o.onSelect((e.target as HTMLSelectElement).value)}
                  >
                    ${o.runs.map(
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
            ?disabled=${this.busy}
            aria-busy=${this.busy ? 'true' : 'false'}
            @click=${() => void this.find(run)}
          >
            ${this.busy ? 'Finding LR…' : `Find LR for run ${index + 1}`}
          </button>
        </div>
        ${
          this.error
            ? html`<p class="finder-error" part="finder-error" role="alert">${this.error}</p>`
            : nothing
        }
        ${
          this.result
            ? html`<lr-finder-plot
                part="lr-finder-plot"
                .result=${this.result}
                @lr-pick=${(e: CustomEvent<LrPickDetail>) => this.pick(e.detail.lr)}
              ></lr-finder-plot>`
            : nothing
        }
        <p class="hint" part="finder-status" role="status">${this.note}</p>
      </div>
    </details>`;
  }
}
