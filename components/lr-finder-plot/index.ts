import { defineElement } from '../shared/optim-element';
import { LrFinderPlot } from './lr-finder-plot';
import type { LrPickDetail } from './lr-finder-plot';

export { LrFinderPlot };
export type { LrPickDetail } from './lr-finder-plot';
export const LR_FINDER_PLOT_TAG = 'lr-finder-plot';

defineElement(LR_FINDER_PLOT_TAG, LrFinderPlot);

declare global {
  interface HTMLElementTagNameMap {
    'lr-finder-plot': LrFinderPlot;
  }
  interface OptimEventDetails {
    'lr-pick': LrPickDetail;
  }
}
