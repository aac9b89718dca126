import { defineElement } from '../shared/optim-element';
import type { OptimEndDetail, OptimProgressDetail } from '../optim-lab/events';
import { LossSurface } from './loss-surface';

export { LossSurface };
export type { SurfaceTrajectory } from './events';
export { PRESETS, PRESET_IDS } from './presets';
export type { SurfacePreset } from './presets';
export const LOSS_SURFACE_TAG = 'loss-surface';

defineElement(LOSS_SURFACE_TAG, LossSurface);

declare global {
  interface HTMLElementTagNameMap {
    'loss-surface': LossSurface;
  }
  interface OptimEventDetails {
    // The same events (and details) as <optim-lab>'s: one page listener reads both.
    'optim-progress': OptimProgressDetail;
    'optim-end': OptimEndDetail;
    'loss-surface-computed': { steps: number[] };
  }
}
