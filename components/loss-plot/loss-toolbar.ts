/** The loss plot's controls: smoothing, log scale, and whether x counts steps or epochs. */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { logToggle } from '../plot/plot-frame';
import type { XAxis } from './run-series';

export interface LossToolbarOptions {
  smoothing: number;
  log: boolean;
  xAxis: XAxis;
  /** Whether any run has epochs to plot against. */
  epochs: boolean;
  onSmoothing: (event: Event) => void;
  onLog: () => void;
  onXAxis: (event: Event) => void;
}

export function lossToolbar(o: LossToolbarOptions): TemplateResult {
  return html`<div part="toolbar" class="toolbar">
    <label class="control">
      Smoothing
      <input
        part="smoothing"
        type="range"
        min="0"
        max="0.99"
        step="0.01"
        .value=${String(o.smoothing)}
        @input=${o.onSmoothing}
      />
      <output aria-hidden="true">${o.smoothing.toFixed(2)}</output>
    </label>
    ${logToggle(o.log, o.onLog)}
    <label class="control">
      X axis
      <select part="x-axis-select" .value=${o.xAxis} @change=${o.onXAxis}>
        <option value="step" ?selected=${o.xAxis === 'step'}>Step</option>
        <option value="epoch" ?selected=${o.xAxis === 'epoch'} ?disabled=${!o.epochs}>Epoch</option>
      </select>
    </label>
  </div>`;
}
