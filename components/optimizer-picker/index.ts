import { OptimizerPicker } from './optimizer-picker.js';

export { OptimizerPicker };

const tag = 'optimizer-picker';
if (!customElements.get(tag)) customElements.define(tag, OptimizerPicker);

declare global {
  interface HTMLElementTagNameMap {
    'optimizer-picker': OptimizerPicker;
  }
}
