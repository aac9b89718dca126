import { defineElement } from '../shared/optim-element';
import { OptimizerPicker } from './optimizer-picker';

export { OptimizerPicker };
export const OPTIMIZER_PICKER_TAG = 'optimizer-picker';

defineElement(OPTIMIZER_PICKER_TAG, OptimizerPicker);

declare global {
  interface HTMLElementTagNameMap {
    'optimizer-picker': OptimizerPicker;
  }
}
