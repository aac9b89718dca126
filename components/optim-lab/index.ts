import { defineElement } from '../shared/optim-element';
import type { OptimEndDetail, OptimProgressDetail } from './events';
import { OptimLab } from './optim-lab';

export { OptimLab };
export type { LabState, OptimEndDetail, OptimErrorDetail, OptimProgressDetail } from './events';
export const OPTIM_LAB_TAG = 'optim-lab';

defineElement(OPTIM_LAB_TAG, OptimLab);

declare global {
  interface HTMLElementTagNameMap {
    'optim-lab': OptimLab;
  }
  interface OptimEventDetails {
    'optim-progress': OptimProgressDetail;
    'optim-end': OptimEndDetail;
  }
}
