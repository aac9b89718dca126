import { defineElement } from '../shared/optim-element';
import { LrCurve } from './lr-curve';

export { LrCurve };
export const LR_CURVE_TAG = 'lr-curve';

defineElement(LR_CURVE_TAG, LrCurve);

declare global {
  interface HTMLElementTagNameMap {
    'lr-curve': LrCurve;
  }
  interface OptimEventDetails {
    'lr-curve-log-change': { log: boolean };
  }
}
