/**
 * The lab's runs section: one card per run (its name, optimizer, schedule, SWA and a remove
 * button, folded into a <details> whose summary shows the run's latest numbers) and the
 * "Add run" button, up to MAX_RUNS.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OptimizerConfig } from '../../src/optim/types';
import type { Horizon, SchedulerStepOn } from '../../src/protocol/experiment';
import { scheduleSpan } from '../../src/protocol/horizon';
import type { SchedulerConfigInput } from '../../src/protocol/horizon';
import '../optimizer-picker/index';
import type { OptimizerPicker } from '../optimizer-picker/optimizer-picker';
import '../scheduler-editor/index';
import '../swa-editor/index';
import type { SwaEditor } from '../swa-editor/swa-editor';
import type { SwaConfigInput } from '../../src/protocol/experiment';
import { MAX_RUNS } from '../../src/protocol/experiment';
import { cssProperties } from '../shared/css-properties';
import { optimizerLr } from './run-labels';
import { runLabel } from './run-list';
import type { LabRun } from './run-list';
import { runSummary } from './run-tracker';
import type { RunTracker } from './run-tracker';

export interface RunCardOptions {
  id: string;
  /** 0-based position; shown 1-based. */
  index: number;
  /** How many runs the lab has (the last one cannot be removed). */
  count: number;
  label: string;
  /** Latest numbers in words, or ''. */
  metrics: string;
  optimizer: OptimizerConfig;
  /** As given: a length left out follows the training. */
  scheduler: SchedulerConfigInput;
  schedulerStepOn: SchedulerStepOn | undefined;
  swa: SwaConfigInput | undefined;
  /** The training's length: for the schedule preview, the lengths that follow it, SWA's start. */
  horizon: Horizon;
  onLabel: (text: string) => void;
  onOptimizer: (config: OptimizerConfig) => void;
  onScheduler: (config: SchedulerConfigInput) => void;
  onSwa: (swa: SwaConfigInput | undefined) => void;
  onRemove: () => void;
}

export function runCard(o: RunCardOptions): TemplateResult {
  const n = o.index + 1;
  return html`
    <li
      class="run"
      part="run"
      ${cssProperties({ '--_run-color': `var(--_series-${o.index + 1})` })}
    >
      <details ?open=${o.count === 1}>
        <summary>
          <span>Run ${n}: ${o.label}</span>
          <span class="run-metrics">${o.metrics}</span>
        </summary>
        <div class="run-body">
          <div class="run-actions">
            <div class="field" part="field">
              <label for="label-${o.id}">Name</label>
              <input
                id="label-${o.id}"
                part="run-label-input"
                type="text"
                .value=${live(o.label)}
                @change=${(e: Event) => o.onLabel((e.target as HTMLInputElement).value.trim())}
              />
            </div>
            <button
              part="remove-run"
              type="button"
              ?disabled=${o.count <= 1}
              aria-label="Remove run ${n} (${o.label})"
              @click=${o.onRemove}
            >
              Remove
            </button>
          </div>
          <optimizer-picker
            part="optimizer-picker"
            .value=${o.optimizer}
            label="Optimizer of run ${n}"
            @change=${(e: Event) => o.onOptimizer((e.target as OptimizerPicker).value)}
          ></optimizer-picker>
          <scheduler-editor
            part="scheduler-editor"
            follow-steps
            .value=${o.scheduler}
            .baseLr=${optimizerLr(o.optimizer)}
            .steps=${scheduleSpan(o.horizon, o.schedulerStepOn)}
            label="Schedule of run ${n}"
            @change=${(e: Event) =>
              o.onScheduler((e.target as HTMLElement & { value: SchedulerConfigInput }).value)}
          ></scheduler-editor>
          <swa-editor
            part="swa-editor"
            .value=${o.swa ?? null}
            .baseLr=${optimizerLr(o.optimizer)}
            .epochs=${Math.ceil(o.horizon.totalSteps / o.horizon.stepsPerEpoch)}
            label="Weight averaging (SWA) of run ${n}"
            @change=${(e: Event) => o.onSwa((e.target as SwaEditor).value ?? undefined)}
          ></swa-editor>
        </div>
      </details>
    </li>
  `;
}

export interface RunsSectionOptions {
  runs: readonly LabRun[];
  tracker: RunTracker;
  horizon: Horizon;
  onAdd: () => void;
  onChange: (id: string, change: Partial<LabRun>) => void;
  onRemove: (id: string) => void;
}

export function runsSection(o: RunsSectionOptions): TemplateResult {
  const full = o.runs.length >= MAX_RUNS;
  return html`
    <div class="runs" part="runs" role="group" aria-labelledby="runs-title">
      <h2 class="section-title" id="runs-title">Runs</h2>
      <ol class="run-list">
        ${o.runs.map((run, index) => {
          const stats = o.tracker.get(run.id);
          return runCard({
            id: run.id,
            index,
            count: o.runs.length,
            label: runLabel(run),
            metrics: stats && stats.step > 0 ? runSummary(stats).slice(stats.label.length + 2) : '',
            optimizer: run.optimizer,
            scheduler: run.scheduler,
            schedulerStepOn: run.schedulerStepOn,
            swa: run.swa,
            horizon: o.horizon,
            onLabel: (text) => o.onChange(run.id, { customLabel: text || undefined }),
            onOptimizer: (optimizer) => o.onChange(run.id, { optimizer }),
            onScheduler: (scheduler) => o.onChange(run.id, { scheduler }),
            onSwa: (swa) => o.onChange(run.id, { swa }),
            onRemove: () => o.onRemove(run.id),
          });
        })}
      </ol>
      <div>
        <button part="add-run" type="button" ?disabled=${full} @click=${o.onAdd}>Add run</button>
        ${full ? html`<span class="hint">At most ${MAX_RUNS} runs.</span>` : nothing}
      </div>
    </div>
  `;
}

/** After run `index` was removed: focus the remove button now there, else "Add run". */
export function focusAfterRemoval(root: ParentNode, index: number): void {
  const buttons = root.querySelectorAll<HTMLButtonElement>('[part="remove-run"]');
  (
    buttons[Math.min(index, buttons.length - 1)] ??
    root.querySelector<HTMLButtonElement>('[part="add-run"]')
  )?.focus();
}
