import { defineElement } from '../shared/optim-element';
import { PytorchExport } from './pytorch-export';

export { PytorchExport };
export const PYTORCH_EXPORT_TAG = 'optim-pytorch-export';

defineElement(PYTORCH_EXPORT_TAG, PytorchExport);

declare global {
  interface HTMLElementTagNameMap {
    'optim-pytorch-export': PytorchExport;
  }
}
