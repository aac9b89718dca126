import { defineElement } from '../shared/optim-element';
import { SwaEditor } from './swa-editor';

export { SwaEditor };
export const SWA_EDITOR_TAG = 'swa-editor';

defineElement(SWA_EDITOR_TAG, SwaEditor);

declare global {
  interface HTMLElementTagNameMap {
    'swa-editor': SwaEditor;
  }
}
