import { defineElement } from '../shared/optim-element.js';
import { OptimDataView } from './data-view.js';

export { OptimDataView };
export const DATA_VIEW_TAG = 'data-view';

defineElement(DATA_VIEW_TAG, OptimDataView);

declare global {
  interface HTMLElementTagNameMap {
    'data-view': OptimDataView;
  }
}
