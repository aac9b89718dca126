/** The playback controls: play/pause, one step, reset, the speed, and where playback is. */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { SPEEDS } from './playback';

export interface ToolbarOptions {
  playing: boolean;
  step: number;
  total: number;
  speed: number;
  /** False while there is nothing to play (no valid config yet). */
  enabled: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  onSpeed: (speed: number) => void;
}

export function toolbar(o: ToolbarOptions): TemplateResult {
  const atEnd = o.step >= o.total;
  return html`<div class="toolbar" part="toolbar" role="group" aria-label="Playback">
    <button
      part="play-button"
      type="button"
      ?disabled=${!o.enabled}
      @click=${o.playing ? o.onPause : o.onPlay}
    >
      ${o.playing ? 'Pause' : atEnd && o.step > 0 ? 'Replay' : 'Play'}
    </button>
    <button part="step-button" type="button" ?disabled=${!o.enabled || atEnd} @click=${o.onStep}>
      Step
    </button>
    <button part="reset-button" type="button" ?disabled=${!o.enabled} @click=${o.onReset}>
      Reset
    </button>
    <label class="control"
      >Speed
      <select
        part="speed-select"
        @change=${(e: Event) => o.onSpeed(Number((e.target as HTMLSelectElement).value))}
      >
        ${SPEEDS.map(
          (speed) =>
            html`<option value=${speed} ?selected=${speed === o.speed}>${speed} steps/s</option>`,
        )}
      </select>
    </label>
    <span part="position" class="position">step ${o.step} of ${o.total}</span>
  </div>`;
}
