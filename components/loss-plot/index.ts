import { defineElement } from '../shared/optim-element';
import { LossPlot } from './loss-plot';
import type { XAxis } from './run-series';

export { LossPlot };
export type { EvalChunk, LossChunk, RunHistory, RunSpec, XAxis } from './run-series';
export const LOSS_PLOT_TAG = 'loss-plot';

defineElement(LOSS_PLOT_TAG, LossPlot);

declare global {
  interface HTMLElementTagNameMap {
    'loss-plot': LossPlot;
  }
  interface OptimEventDetails {
    'loss-plot-change': { smoothing: number; log: boolean; xAxis: XAxis };
  }
}
