/** The lab's play / pause / step / reset toolbar with the training status in words. */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { LabState } from './events';
import type { RunSnapshot } from './run-tracker';

export interface ControlsBarOptions {
  state: LabState;
  /** The first run's numbers: the status line follows it. */
  snapshot: RunSnapshot | undefined;
  totalSteps: number;
  hidden: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
}

export function controlsBar(o: ControlsBarOptions): TemplateResult {
  const training = o.state === 'training';
  const step = o.snapshot?.step ?? 0;
  const epoch = o.snapshot?.epoch ?? 0;
  const status =
    o.state === 'done'
      ? `Done: ${step} steps`
      : `Step ${step} of ${o.totalSteps} · epoch ${Math.floor(epoch)}`;
  return html`
    <div class="controls" part="controls" role="toolbar" aria-label="Training" ?hidden=${o.hidden}>
      <button
        part="play-button"
        class="primary"
        type="button"
        ?disabled=${training}
        @click=${o.onPlay}
      >
        ${o.state === 'paused' ? 'Resume' : 'Play'}
      </button>
      <button part="pause-button" type="button" ?disabled=${!training} @click=${o.onPause}>
        Pause
      </button>
      <button
        part="step-button"
        type="button"
        ?disabled=${training}
        title="Take one optimizer step"
        @click=${o.onStep}
      >
        Step
      </button>
      <button part="reset-button" type="button" @click=${o.onReset}>Reset</button>
      <span class="status" part="status">${status}</span>
    </div>
  `;
}
