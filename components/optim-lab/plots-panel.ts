/**
 * The lab's two plots: the selected run's learning-rate schedule (with the current step
 * marked) and every run's training loss. A template function plus the small controller that
 * moves the LR curve's marker.
 */
import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Horizon } from '../../src/protocol/experiment';
import { fillScheduleHorizon, followedLengths, scheduleSpan } from '../../src/protocol/horizon';
import type { ProgressBatch } from '../../src/protocol/progress';
import type { ExperimentState } from '../controllers/experiment-controller';
import '../loss-plot/index';
import type { LossPlot } from '../loss-plot/loss-plot';
import '../lr-curve/index';
import { optimizerLr, optimizerMomentum } from './run-labels';
import { runLabel } from './run-list';
import type { LabRun } from './run-list';
import type { RunSnapshot } from './run-tracker';

export interface PlotsOptions {
  runs: readonly LabRun[];
  selected: LabRun | undefined;
  horizon: Horizon;
  showLr: boolean;
  showLoss: boolean;
  onSelect: (runId: string) => void;
}

/** Scheduler steps of a run: optimizer steps, or epochs when it steps per epoch. */
function schedulerSteps(run: LabRun | undefined, horizon: Horizon): number {
  return scheduleSpan(horizon, run?.schedulerStepOn);
}

/** "totalSteps follows the training length: 600 steps.", or '' when every length is given. */
export function followsNote(run: LabRun, horizon: Horizon): string {
  const paths = followedLengths(run.scheduler);
  if (paths.length === 0) return '';
  const unit = run.schedulerStepOn === 'epoch' ? 'epochs' : 'steps';
  const span = schedulerSteps(run, horizon);
  const verb = paths.length === 1 ? 'follows' : 'follow';
  return `${paths.join(', ')} ${verb} the training length: ${span} ${unit}.`;
}

export function plotsPanel(o: PlotsOptions): TemplateResult | typeof nothing {
  if (!o.showLr && !o.showLoss) return nothing;
  const selected = o.selected;
  const follows = selected ? followsNote(selected, o.horizon) : '';
  return html`
    <div class="plots" part="plots">
      ${
        o.showLr && selected
          ? html`<div class="plot-panel">
              <h2 class="section-title">Learning rate</h2>
              ${
                o.runs.length > 1
                  ? html`<div class="field">
                      <label for="lr-run">Schedule of</label>
                      <select
                        id="lr-run"
                        .value=${live(selected.id)}
                        @change=${(e: Event) => o.onSelect((e.target as HTMLSelectElement).value)}
                      >
                        ${o.runs.map((run, index) => html`<option value=${run.id} ?selected=${run.id === selected.id}>Run ${index + 1}: ${runLabel(run)}</option>`)}
                      </select>
                    </div>`
                  : nothing
              }
              <lr-curve
                part="lr-curve"
                .schedule=${fillScheduleHorizon(selected.scheduler, schedulerSteps(selected, o.horizon))}
                .baseLr=${optimizerLr(selected.optimizer)}
                .baseMomentum=${optimizerMomentum(selected.optimizer)}
                .steps=${schedulerSteps(selected, o.horizon)}
              ></lr-curve>
              ${follows ? html`<p class="hint follows" part="lr-follows">${follows}</p>` : nothing}
            </div>`
          : nothing
      }
      <div class="plot-panel" ?hidden=${!o.showLoss}>
        <h2 class="section-title">Training loss</h2>
        <loss-plot
          part="loss-plot"
          .totalSteps=${o.horizon.totalSteps}
          .totalEpochs=${o.horizon.totalSteps / o.horizon.stepsPerEpoch}
        ></loss-plot>
      </div>
    </div>
  `;
}

/** Hands the points gathered since the last refresh to the loss plot (one redraw). */
export function feedLossPlot(plot: LossPlot, batches: readonly ProgressBatch[]): void {
  for (const batch of batches) {
    for (const run of batch.runs) {
      if (run.steps.length > 0) {
        plot.appendLoss(run.runId, { steps: run.steps, loss: run.loss, epochs: run.epochs });
      }
      if (run.evals.steps.length > 0) {
        plot.appendEval(run.runId, { steps: run.evals.steps, valLoss: run.evals.valLoss });
      }
      if (run.swa && run.swa.steps.length > 0) {
        plot.appendSwaEval(run.runId, { steps: run.swa.steps, valLoss: run.swa.valLoss });
      }
    }
  }
}

/**
 * Keeps the LR curve's current-step marker on the selected run's step: 1 % strides while
 * training, exact otherwise. It moves in a task of its own after the lab renders: redrawing
 * the curve and rendering the lab in the same task could add up to a long task.
 */
export class LrMarker implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly current: () => {
      run: LabRun | undefined;
      stats: RunSnapshot | undefined;
      state: ExperimentState;
      horizon: Horizon;
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const curve = this.host.renderRoot.querySelector('lr-curve');
      const step = this.step();
      if (curve && curve.currentStep !== step) curve.currentStep = step;
    }, 0);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private step(): number | undefined {
    const { run, stats, state, horizon } = this.current();
    if (!stats || stats.step === 0) return undefined;
    const exact = run?.schedulerStepOn === 'epoch' ? Math.floor(stats.epoch) : stats.step;
    const stride =
      state === 'training' ? Math.max(1, Math.floor(schedulerSteps(run, horizon) / 100)) : 1;
    return exact - (exact % stride);
  }
}
