import { OptimLab } from './optim-lab.js';
import type { OptimEndDetail, OptimErrorDetail, OptimProgressDetail } from './events.js';

export { OptimLab };
export type { LabState, OptimEndDetail, OptimErrorDetail, OptimProgressDetail } from './events.js';
export const OPTIM_LAB_TAG = 'optim-lab';

if (!customElements.get(OPTIM_LAB_TAG)) customElements.define(OPTIM_LAB_TAG, OptimLab);

declare global {
  interface HTMLElementTagNameMap {
    'optim-lab': OptimLab;
  }
  interface GlobalEventHandlersEventMap {
    'optim-progress': CustomEvent<OptimProgressDetail>;
    'optim-end': CustomEvent<OptimEndDetail>;
    'optim-error': CustomEvent<OptimErrorDetail>;
  }
}
