import { LossPlot } from './loss-plot';

export { LossPlot };
export type { EvalChunk, LossChunk, RunSpec, XAxis } from './run-series';
export const LOSS_PLOT_TAG = 'loss-plot';

if (!customElements.get(LOSS_PLOT_TAG)) customElements.define(LOSS_PLOT_TAG, LossPlot);

declare global {
  interface HTMLElementTagNameMap {
    'loss-plot': LossPlot;
  }
  interface GlobalEventHandlersEventMap {
    'loss-plot-change': CustomEvent<{ smoothing: number; log: boolean; xAxis: 'step' | 'epoch' }>;
  }
}
