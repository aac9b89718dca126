import { LrCurve } from './lr-curve';

export { LrCurve };
export const LR_CURVE_TAG = 'lr-curve';

if (!customElements.get(LR_CURVE_TAG)) customElements.define(LR_CURVE_TAG, LrCurve);

declare global {
  interface HTMLElementTagNameMap {
    'lr-curve': LrCurve;
  }
  interface GlobalEventHandlersEventMap {
    'lr-curve-log-change': CustomEvent<{ log: boolean }>;
  }
}
