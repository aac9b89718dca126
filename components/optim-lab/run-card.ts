/**
 * One run of the lab: its name, optimizer, schedule and a remove button, folded into a
 * <details> whose summary shows the run's latest numbers.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OptimizerConfig } from '../../src/optim/types.js';
import type { SchedulerConfig } from '../../src/schedule/types.js';
import '../optimizer-picker/index.js';
import type { OptimizerPicker } from '../optimizer-picker/optimizer-picker.js';
import '../scheduler-editor/index.js';
import { optimizerLr } from './run-labels.js';

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
  scheduler: SchedulerConfig;
  /** Training length in steps, for the schedule preview. */
  totalSteps: number;
  onLabel: (text: string) => void;
  onOptimizer: (config: OptimizerConfig) => void;
  onScheduler: (config: SchedulerConfig) => void;
  onRemove: () => void;
}

export function runCard(o: RunCardOptions): TemplateResult {
  const n = o.index + 1;
  return html`
    <li class="run" part="run" style="--_run-color: var(--_series-${o.index % 8})">
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
            .value=${o.scheduler}
            .baseLr=${optimizerLr(o.optimizer)}
            .steps=${o.totalSteps}
            label="Schedule of run ${n}"
            @change=${(e: Event) =>
              o.onScheduler((e.target as HTMLElement & { value: SchedulerConfig }).value)}
          ></scheduler-editor>
        </div>
      </details>
    </li>
  `;
}
